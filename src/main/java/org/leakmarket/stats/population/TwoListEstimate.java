package org.leakmarket.stats.population;

/**
 * Two-list (dual-system) estimates: Lincoln–Petersen and Chapman, each with SE and intervals.
 *
 * <p>{@code n1}, {@code n2} are the list sizes, {@code m} the people on both, {@code nObs} = n1 +
 * n2 − m the distinct people observed. When m = 0 both estimates are null and {@code note} says
 * why: the lists share nobody, so the data carry no information on the overlap rate and methods.md
 * says the estimate does not exist. (Chapman's formula would still return (n1+1)(n2+1) − 1, but
 * that number is an artefact of the +1 correction, not an estimate.) Pure value object; no cost.
 */
public record TwoListEstimate(
    long n1, long n2, long m, long nObs, Estimate lincolnPetersen, Estimate chapman, String note) {

  /** True when the lists overlap (m &gt; 0) and both estimates exist. */
  public boolean exists() {
    return chapman != null;
  }
}
