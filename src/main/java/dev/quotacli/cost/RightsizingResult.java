package dev.quotacli.cost;

import java.util.List;
import java.util.Optional;

/**
 * The rightsizing answer of one payer: the savings, or why there are none because the feature is
 * off ("Rightsizing EC2 recommendation is an opt-in only feature", enabled in the payer's Cost
 * Explorer preferences). A feature that is off is not a failure of the pass.
 *
 * @param savings per account and type; empty when disabled
 * @param disabledReason AWS's message when the feature is not enabled, else null
 */
public record RightsizingResult(List<RightsizingSaving> savings, String disabledReason) {
  public RightsizingResult {
    savings = List.copyOf(savings);
  }

  public static RightsizingResult enabled(List<RightsizingSaving> savings) {
    return new RightsizingResult(savings, null);
  }

  public static RightsizingResult disabled(String reason) {
    return new RightsizingResult(List.of(), reason);
  }

  public boolean isEnabled() {
    return disabledReason == null;
  }

  public Optional<String> disabled() {
    return Optional.ofNullable(disabledReason);
  }
}
