package dev.quotacli.quota;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The vCPU quota class of an EC2 instance type, found by the longest matching prefix of its family,
 * and the On-Demand and Spot quota codes of each class. Pure.
 *
 * <p>First-letter rules misfile {@code inf2} (i), {@code dl1} (d), {@code trn1} (t), {@code hpc7g}
 * (h) and {@code vt1} (v) as Standard; the prefix table below checks the longer prefixes first.
 */
public enum InstanceClass {
  STANDARD("L-1216C47A", "L-34B43A08"),
  F("L-74FC7D96", "L-88CF9481"),
  G_AND_VT("L-DB2E81BA", "L-3819A6DF"),
  INF("L-1945791B", "L-B5D1601B"),
  /** Spot P5 has a quota of its own: {@link #SPOT_P5}; this spot code is P4, P3 and P2. */
  P("L-417A185B", "L-7212CCBC"),
  X("L-7295265B", "L-E3A00192"),
  DL("L-6E869C2A", "L-85EED4F7"),
  HIGH_MEMORY("L-43DA4232", null),
  TRN("L-2C3B7624", "L-6B0D517C"),
  HPC("L-F7808C92", null);

  /** All P5 Spot Instance Requests (families starting {@code p5}). */
  public static final String SPOT_P5 = "L-C4BD4855";

  /**
   * Family prefixes, longest first: the first match is the longest. {@code u} covers both {@code
   * u-6tb1} and the newer {@code u7i-12tb} High Memory families (no other family starts with u).
   */
  private static final Map<String, InstanceClass> PREFIXES = prefixes();

  /** Every vCPU quota code: ten On-Demand, nine Spot. */
  public static final Set<String> QUOTA_CODES = allCodes();

  private final String onDemandCode;
  private final String spotCode;

  InstanceClass(String onDemandCode, String spotCode) {
    this.onDemandCode = onDemandCode;
    this.spotCode = spotCode;
  }

  private static Map<String, InstanceClass> prefixes() {
    Map<String, InstanceClass> m = new LinkedHashMap<>();
    m.put("inf", INF);
    m.put("trn", TRN);
    m.put("hpc", HPC);
    m.put("dl", DL);
    m.put("vt", G_AND_VT);
    m.put("u", HIGH_MEMORY);
    m.put("f", F);
    m.put("g", G_AND_VT);
    m.put("p", P);
    m.put("x", X);
    return m;
  }

  private static Set<String> allCodes() {
    Set<String> codes = new TreeSet<>();
    for (InstanceClass c : values()) {
      codes.add(c.onDemandCode);
      if (c.spotCode != null) {
        codes.add(c.spotCode);
      }
    }
    codes.add(SPOT_P5);
    return Set.copyOf(codes);
  }

  /** The family: the part of the type before the first '.', lower case ({@code g4dn}). */
  public static String family(String instanceType) {
    String t = instanceType.strip().toLowerCase(Locale.ROOT);
    int dot = t.indexOf('.');
    return dot < 0 ? t : t.substring(0, dot);
  }

  /** The class of an instance type such as {@code inf2.xlarge}. */
  public static InstanceClass of(String instanceType) {
    String family = family(instanceType);
    for (Map.Entry<String, InstanceClass> e : PREFIXES.entrySet()) {
      if (family.startsWith(e.getKey())) {
        return e.getValue();
      }
    }
    return STANDARD;
  }

  /** The Running On-Demand quota of this class. */
  public String onDemandCode() {
    return onDemandCode;
  }

  /**
   * The quota an instance of this type counts against.
   *
   * @return the code, or empty where AWS has no Spot quota for the class (HPC, High Memory)
   */
  public static Optional<String> quotaCode(String instanceType, boolean spot) {
    InstanceClass c = of(instanceType);
    if (!spot) {
      return Optional.of(c.onDemandCode);
    }
    if (c == P && family(instanceType).startsWith("p5")) {
      return Optional.of(SPOT_P5);
    }
    return Optional.ofNullable(c.spotCode);
  }
}
