package dev.quotacli.pass;

import dev.quotacli.account.OrgRole;
import dev.quotacli.account.OrganizationAccounts;
import dev.quotacli.account.Secret;
import dev.quotacli.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --accounts-from organizations}: the accounts of the organization the ambient credentials
 * manage (or administer as delegated administrator).
 *
 * @param role the role assumed in each member ({@code --org-role-name}, {@code
 *     --org-external-id-file})
 * @param units the OUs to keep, recursively ({@code --org-unit}); empty for the whole organization
 */
public record OrgSettings(OrgRole role, List<String> units) {
  public static final String ORGANIZATIONS = "organizations";

  public OrgSettings {
    units = List.copyOf(units);
  }

  /**
   * The flags as given, checked in order: the source name, then each {@code --org-*} flag; the
   * ExternalId file is read last, once every flag is known good.
   *
   * @return null when {@code --accounts-from} is not given (and no {@code --org-*} flag either)
   */
  public static OrgSettings of(
      String accountsFrom, String roleName, List<String> units, Path externalIdFile) {
    List<String> unitList = units == null ? List.of() : units;
    if (accountsFrom == null || accountsFrom.isBlank()) {
      String stray =
          roleName != null
              ? "--org-role-name"
              : !unitList.isEmpty()
                  ? "--org-unit"
                  : externalIdFile != null ? "--org-external-id-file" : null;
      if (stray != null) {
        throw new ConfigException(stray + " needs --accounts-from " + ORGANIZATIONS);
      }
      return null;
    }
    if (!accountsFrom.trim().equals(ORGANIZATIONS)) {
      throw new ConfigException(
          "--accounts-from '" + accountsFrom + "' is not a source (known: " + ORGANIZATIONS + ")");
    }
    if (roleName == null || roleName.isBlank()) {
      throw new ConfigException(
          "--accounts-from " + ORGANIZATIONS + " needs --org-role-name (the role in each member)");
    }
    if (!OrgRole.isValidName(roleName.trim())) {
      throw new ConfigException("--org-role-name '" + roleName + "' is not an IAM role name");
    }
    List<String> ous = new ArrayList<>();
    for (String u : unitList) {
      String ou = u.trim();
      if (!OrganizationAccounts.isUnitId(ou)) {
        throw new ConfigException(
            "--org-unit '" + u + "' is not an OU id (ou-xxxx-xxxxxxxx, as Organizations shows it)");
      }
      if (!ous.contains(ou)) {
        ous.add(ou);
      }
    }
    return new OrgSettings(new OrgRole(roleName.trim(), externalId(externalIdFile)), ous);
  }

  private static Optional<Secret> externalId(Path file) {
    if (file == null) {
      return Optional.empty();
    }
    String first;
    try {
      first =
          Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new ConfigException("--org-external-id-file: cannot read " + file);
    }
    if (first.isEmpty()) {
      throw new ConfigException("--org-external-id-file: " + file + " is empty");
    }
    return Optional.of(new Secret(first));
  }
}
