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
   * The code of an enum constant: its name in lower case, computed once per enum type (the
   * normaliser asks for codes several times per offer, and lower-casing the name each time was 6%
   * of its time).
   */
  static String codeOf(Enum<?> e) {
    return Codes.BY_TYPE.get(e.getDeclaringClass())[e.ordinal()];
  }

  /** The lower-case names of each enum type's constants, by ordinal. */
  final class Codes {
    private static final ClassValue<String[]> BY_TYPE =
        new ClassValue<>() {
          @Override
          protected String[] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            String[] codes = new String[constants.length];
            for (int i = 0; i < constants.length; i++) {
              codes[i] = ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT);
            }
            return codes;
          }
        };

    private Codes() {}
  }
}
