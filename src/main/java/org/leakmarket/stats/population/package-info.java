/**
 * Capture–recapture estimators of how many people the leak samples imply (methods.md, Population),
 * as plain Java: Spark only counts capture histories.
 *
 * <p>Entry points: {@link org.leakmarket.stats.population.CaptureRecapture#twoList(long, long,
 * long)} for two lists given n1, n2, m; {@link
 * org.leakmarket.stats.population.CaptureRecapture#estimate(CaptureHistories)} for t lists given
 * the count of each capture history ({@link org.leakmarket.stats.population.CaptureHistories}: bit
 * j of the mask = on list j+1).
 *
 * <p>Conventions, chosen once here:
 *
 * <ul>
 *   <li>Two lists with m = 0: no Lincoln–Petersen and no Chapman estimate (a reason instead),
 *       although Chapman's formula is finite there.
 *   <li>Lincoln–Petersen SE from Var = n1²·n2·(n2−m)/m³ (binomial approximation, list 1 taken as
 *       the marked sample). The two-list Poisson log-linear model gives instead Seber's symmetric
 *       n1·n2·(n1−m)(n2−m)/m³; both are tested.
 *   <li>Intervals: 95%, z = 1.96; the log-transformed interval of Chao (1987) is the reported one,
 *       the normal interval is kept alongside.
 *   <li>Log-linear models: Poisson GLM, log link, IRLS, on the 2^t − 1 observed cells; N̂ = n_obs +
 *       exp(α̂0), SE = sqrt(exp(α̂0) + exp(2α̂0)·Var(α̂0)). ln L includes −ln(y!); BIC uses n_obs.
 *       Models: independence and every subset of two-way interactions up to 5 lists, stepwise (add
 *       or drop one interaction at a time from independence) from 6 to 10 lists, none beyond.
 *   <li>An MLE "does not exist" when IRLS does not converge in 100 iterations, a fitted cell falls
 *       below 1e-6 (a zero margin pushes a parameter to ±∞: the fit is on the boundary), |β|
 *       exceeds 30, the information matrix is singular, or exp(α̂0) is not finite. Such a model
 *       keeps its name, df and a note, has every number null and is never selected. Some published
 *       tables print the limit of boundary fits (Cormack et al. 2000, Table 3a); we deliberately do
 *       not.
 * </ul>
 */
package org.leakmarket.stats.population;
