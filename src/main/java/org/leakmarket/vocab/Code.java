package org.leakmarket.vocab;

import java.util.Locale;
import java.util.Optional;

/**
 * A value with a contract code (contracts section 4): the lower-case string written in tables, JSON
 * and CSV. Every enum of this package implements it; {@link #of} reads a code back.
 */
public interface Code {
  /** The contract string, e.g. {@code second_hand}. */
  String code();

  /** The constant whose code is {@code code} (case and {@code -}/space folded), if any. */
  static <E extends Enum<E> & Code> Optional<E> of(Class<E> type, String code) {
    if (code == null) {
      return Optional.empty();
    }
    String c = code.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (E e : type.getEnumConstants()) {
      if (e.code().equals(c)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * The code of an enum constant of this package from its name: the name in lower case. Each enum
   * keeps it in a field set when the constant is made (the normaliser asks for codes several times
   * per offer; lower-casing the name each time was 6% of its time, and a per-type table behind a
   * {@code ClassValue} still about 1%).
   */
  static String codeOf(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
