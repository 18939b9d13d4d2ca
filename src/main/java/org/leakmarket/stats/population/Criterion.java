package org.leakmarket.stats.population;

/** Information criterion used to select a log-linear model; BIC is the default (methods.md). */
public enum Criterion {
  AIC,
  BIC
}
