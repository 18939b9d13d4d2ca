package org.leakmarket.legal;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The class of one sample record as found and after Article 11: as found, every field the seller
 * handed over counts; after exclusions only the fields that are real ({@link
 * LegalRules#realFields}). A record of padded, Luhn-failing card numbers with names is property
 * information as found and no item at all after exclusions (or a lower class when another real
 * identifier remains). Pure Java; a few set operations per record.
 */
public final class RecordClasses implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LegalRules rules;

  public RecordClasses(LegalRules rules) {
    this.rules = rules;
  }

  /** Classes of one record; either may be null (no item). */
  public record Classes(Threshold found, Threshold real) {}

  /**
   * @param present {@code fields_present}
   * @param damaged {@code damaged_fields} (present but unusable)
   * @param flags validity column to its value (null when the field is absent)
   */
  public Classes classify(
      List<String> present,
      List<String> damaged,
      java.util.function.Function<String, Boolean> flags) {
    Optional<Threshold> found = rules.classOf(Set.copyOf(present));
    Optional<Threshold> real = rules.classOf(rules.realFields(present, damaged, flags));
    return new Classes(found.orElse(null), real.orElse(null));
  }
}
