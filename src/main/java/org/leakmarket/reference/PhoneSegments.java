package org.leakmarket.reference;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chinese mobile number segments ({@code prefix,province_code,city,carrier}; contracts section 2):
 * the first 7 digits of an 11-digit mobile number give where it was issued and by which carrier.
 * Small: shipped whole to executors.
 */
public final class PhoneSegments implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String SHIPPED = "/reference/phone_segments.csv";
  static final String HEADER = "prefix,province_code,city,carrier";

  /** One segment row. */
  public record Segment(String prefix, String provinceCode, String city, String carrier)
      implements Serializable {}

  private final Map<String, Segment> byPrefix;

  private PhoneSegments(Map<String, Segment> byPrefix) {
    this.byPrefix = byPrefix;
  }

  /** A user file, or the shipped table when {@code file} is null. */
  public static PhoneSegments load(Path file) {
    List<String[]> rows = CsvTable.read(file, SHIPPED, HEADER);
    Map<String, Segment> m = new HashMap<>();
    for (String[] f : rows) {
      if (!f[0].matches("1[3-9][0-9]{5}") || !f[1].matches("[0-9]{2}")) {
        throw CsvTable.bad(
            file == null ? "shipped:" + SHIPPED : file.toString(),
            "bad row for prefix '" + f[0] + "'");
      }
      Segment seg = new Segment(f[0], f[1], f[2], f[3]);
      Segment before = m.put(f[0], seg);
      if (before != null && !before.equals(seg)) {
        throw CsvTable.bad(
            file == null ? "shipped:" + SHIPPED : file.toString(),
            "prefix " + f[0] + " is listed twice with different rows");
      }
    }
    return new PhoneSegments(m);
  }

  public int size() {
    return byPrefix.size();
  }

  /** The segment of a phone in E.164 ({@code +86...}) or 11 national digits. */
  public Optional<Segment> lookup(String phone) {
    if (phone == null) {
      return Optional.empty();
    }
    String national = phone.startsWith("+86") ? phone.substring(3) : phone;
    if (national.length() != 11) {
      return Optional.empty();
    }
    return Optional.ofNullable(byPrefix.get(national.substring(0, 7)));
  }

  /** All prefixes (the generator draws phone numbers from them). */
  public List<Segment> segments() {
    return byPrefix.values().stream().sorted((a, b) -> a.prefix().compareTo(b.prefix())).toList();
  }
}
