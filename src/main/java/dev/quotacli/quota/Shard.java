package dev.quotacli.quota;

import java.nio.charset.StandardCharsets;

/**
 * One shard of the estate: rendezvous (highest random weight) hashing gives each account to the
 * shard whose weight for it is highest, so going from N to N+1 shards moves only the accounts the
 * new shard wins, about 1/(N+1) of them, and no host needs a coordinator. Pure.
 *
 * @param index this shard, 0-based (as Kubernetes' JOB_COMPLETION_INDEX)
 * @param count how many shards
 */
public record Shard(int index, int count) {
  /** The whole estate. */
  public static final Shard ALL = new Shard(0, 1);

  public Shard {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("shard " + index + "/" + count + ": need 0 <= I < N");
    }
  }

  /** Reads {@code I/N}. */
  public static Shard parse(String text) {
    String[] parts = text.trim().split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("'" + text + "' is not I/N");
    }
    try {
      return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not I/N");
    }
  }

  public boolean isAll() {
    return count == 1;
  }

  /** Whether this shard owns the account. */
  public boolean owns(String accountId) {
    return owner(accountId, count) == index;
  }

  /** The shard that owns an account among {@code count}. */
  public static int owner(String accountId, int count) {
    int best = 0;
    long bestWeight = Long.MIN_VALUE;
    for (int i = 0; i < count; i++) {
      long w = weight(accountId, i);
      if (w > bestWeight) {
        bestWeight = w;
        best = i;
      }
    }
    return best;
  }

  /** A well-mixed 64-bit weight of (account, shard): FNV-1a, then a murmur3 finalizer. */
  static long weight(String accountId, int shard) {
    long h = 0xcbf29ce484222325L;
    for (byte b : (accountId + "#" + shard).getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** {@code .shard-I-of-N}, or empty for the whole estate. */
  public String fileSuffix() {
    return isAll() ? "" : ".shard-" + index + "-of-" + count;
  }

  /** {@code I/N}, the {@code shard} label value. */
  @Override
  public String toString() {
    return index + "/" + count;
  }
}
