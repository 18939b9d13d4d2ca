package org.leakmarket.privacy;

/**
 * One identifier cell after normalisation: the canonical string to hash (null unless {@link
 * Status#OK}) and what happened to it. Never printed: {@link #toString()} hides the value.
 */
public record Normalized(String value, Status status) {
  /** What normalisation found in the cell. */
  public enum Status {
    /** Empty cell. */
    ABSENT,
    /** Usable; {@code value} is the canonical form. */
    OK,
    /** A number a spreadsheet turned into floating point ({@code 6.22202E+15}): digits lost. */
    MANGLED,
    /** Present but not shaped like this kind of identifier (letters in a card number...). */
    MALFORMED
  }

  static final Normalized ABSENT = new Normalized(null, Status.ABSENT);
  static final Normalized MANGLED = new Normalized(null, Status.MANGLED);
  static final Normalized MALFORMED = new Normalized(null, Status.MALFORMED);

  static Normalized ok(String v) {
    return new Normalized(v, Status.OK);
  }

  public boolean ok() {
    return status == Status.OK;
  }

  @Override
  public String toString() {
    return "Normalized[" + status + "]";
  }
}
