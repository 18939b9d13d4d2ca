package org.leakmarket.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leakmarket.common.UserException;

/**
 * Resolves the configuration in one place: a flag given on the command line wins over the YAML
 * config file, which wins over {@link Defaults}. Keys are the snake_case names of {@link
 * LeakmarketConfig#describe()}; an unknown key in the file is a usage error, so a typo never
 * silently falls back to a default.
 */
public final class ConfigResolver {

  private static final Set<String> KEYS =
      Set.of(
          "listings",
          "samples",
          "warehouse",
          "reports",
          "fx",
          "bins",
          "phone_segments",
          "period",
          "period_unit",
          "lists_by",
          "key_file",
          "master",
          "seed",
          "bootstrap_replicates",
          "max_reject_rate",
          "fx_max_age_days",
          "min_price",
          "max_price",
          "suppression_k",
          "suppression_min_sellers",
          "recycled_threshold",
          "max_exact_lists",
          "extra_dimensions",
          "weight",
          "max_offers_per_listing",
          "max_advert_chars",
          "max_line_bytes",
          "max_sample_file_bytes",
          "lock_stale_minutes",
          "earliest_date");

  private ConfigResolver() {}

  /**
   * @param flags values given as flags (absent keys were not given); values are String, Path,
   *     Number or List
   * @param configFile YAML file, or null
   */
  public static LeakmarketConfig resolve(Map<String, Object> flags, Path configFile) {
    JsonNode file = readFile(configFile);
    Layer l =
        new Layer(flags, file, configFile == null ? null : configFile.toAbsolutePath().getParent());
    LeakmarketConfig cfg =
        new LeakmarketConfig(
            l.paths("listings"),
            l.path("samples", null),
            l.path("warehouse", Path.of(Defaults.WAREHOUSE)),
            l.path("reports", Path.of(Defaults.REPORTS)),
            l.path("fx", null),
            l.path("bins", null),
            l.path("phone_segments", null),
            l.string("period", Defaults.PERIOD),
            l.string("period_unit", Defaults.PERIOD_UNIT),
            l.string("lists_by", Defaults.LISTS_BY),
            l.path("key_file", null),
            l.string("master", null),
            l.number("seed", Defaults.SEED).longValue(),
            l.number("bootstrap_replicates", Defaults.BOOTSTRAP_REPLICATES).intValue(),
            l.number("max_reject_rate", Defaults.MAX_REJECT_RATE).doubleValue(),
            l.number("fx_max_age_days", Defaults.FX_MAX_AGE_DAYS).intValue(),
            l.number("min_price", Defaults.MIN_PRICE).doubleValue(),
            l.number("max_price", Defaults.MAX_PRICE).doubleValue(),
            l.number("suppression_k", Defaults.SUPPRESSION_K).intValue(),
            l.number("suppression_min_sellers", Defaults.SUPPRESSION_MIN_SELLERS).intValue(),
            l.number("recycled_threshold", Defaults.RECYCLED_THRESHOLD).doubleValue(),
            l.number("max_exact_lists", Defaults.MAX_EXACT_LISTS).intValue(),
            l.strings("extra_dimensions"),
            l.string("weight", Defaults.WEIGHT).toLowerCase(java.util.Locale.ROOT),
            limits(l));
    validate(cfg);
    return cfg;
  }

  private static Limits limits(Layer l) {
    String earliest = l.string("earliest_date", Defaults.EARLIEST_DATE);
    LocalDate date;
    try {
      date = LocalDate.parse(earliest);
    } catch (DateTimeParseException e) {
      throw new UserException(
          UserException.USAGE,
          "earliest_date must be an ISO date like 2000-01-01, not: " + earliest);
    }
    Limits lim =
        new Limits(
            l.number("max_offers_per_listing", Defaults.MAX_OFFERS_PER_LISTING).intValue(),
            l.number("max_advert_chars", Defaults.MAX_ADVERT_CHARS).intValue(),
            l.number("max_line_bytes", Defaults.MAX_LINE_BYTES).longValue(),
            l.number("max_sample_file_bytes", Defaults.MAX_SAMPLE_FILE_BYTES).longValue(),
            l.number("lock_stale_minutes", Defaults.LOCK_STALE_MINUTES).intValue(),
            date);
    check(
        lim.maxOffersPerListing() >= 1,
        "max_offers_per_listing must be at least 1, not: %s",
        lim.maxOffersPerListing());
    check(
        lim.maxAdvertChars() >= 1000,
        "max_advert_chars must be at least 1000, not: %s",
        lim.maxAdvertChars());
    // Below a few KiB ordinary adverts would be cut; above 1 GiB one line could fill a heap.
    check(
        lim.maxLineBytes() >= 1024 && lim.maxLineBytes() <= (1L << 30),
        "max_line_bytes must be between 1024 and 1073741824, not: %s",
        lim.maxLineBytes());
    check(
        lim.maxSampleFileBytes() >= 1,
        "max_sample_file_bytes must be positive, not: %s",
        lim.maxSampleFileBytes());
    check(
        lim.lockStaleMinutes() >= 1,
        "lock_stale_minutes must be at least 1, not: %s",
        lim.lockStaleMinutes());
    return lim;
  }

  private static void validate(LeakmarketConfig c) {
    check(
        Set.of("month", "quarter", "year").contains(c.periodUnit()),
        "period_unit must be month, quarter or year, not: %s",
        c.periodUnit());
    check(
        Set.of("sample", "seller", "source").contains(c.listsBy()),
        "lists_by must be sample, seller or source, not: %s",
        c.listsBy());
    check(
        c.period().matches("all|\\d{4}|\\d{4}-Q[1-4]|\\d{4}-(0[1-9]|1[0-2])"),
        "period must look like 2015-01, 2015-Q1, 2015 or all, not: %s",
        c.period());
    check(
        c.bootstrapReplicates() >= 100,
        "bootstrap_replicates must be at least 100, not: %s",
        c.bootstrapReplicates());
    check(
        c.maxRejectRate() > 0 && c.maxRejectRate() <= 1,
        "max_reject_rate must be in (0, 1], not: %s",
        c.maxRejectRate());
    check(
        c.minPrice() > 0 && c.minPrice() < c.maxPrice(),
        "min_price must be positive and below max_price, not: %s",
        c.minPrice());
    check(c.suppressionK() >= 1, "suppression_k must be at least 1, not: %s", c.suppressionK());
    // every two-way model of 6 lists is 2^15 fits; the estimator refuses more
    check(
        c.maxExactLists() >= 2 && c.maxExactLists() <= 6,
        "max_exact_lists must be between 2 and 6, not: %s",
        c.maxExactLists());
    for (String d : c.extraDimensions()) {
      check(
          Set.of("region", "source", "issuer", "language").contains(d),
          "extra_dimensions may hold region, source, issuer, language, not: %s",
          d);
    }
    check(
        Set.of("seller", "offer").contains(c.weight()),
        "weight must be seller or offer, not: %s",
        c.weight());
  }

  private static void check(boolean ok, String fmt, Object arg) {
    if (!ok) {
      throw new UserException(UserException.USAGE, String.format(fmt, arg));
    }
  }

  private static JsonNode readFile(Path configFile) {
    if (configFile == null) {
      return null;
    }
    if (!Files.isRegularFile(configFile)) {
      throw new UserException(UserException.BAD_INPUT, "config file not found: " + configFile);
    }
    try {
      JsonNode n = new ObjectMapper(new YAMLFactory()).readTree(configFile.toFile());
      if (n == null || n.isMissingNode() || n.isNull()) {
        return null;
      }
      if (!n.isObject()) {
        throw new UserException(
            UserException.BAD_INPUT, "config file must be a YAML mapping: " + configFile);
      }
      for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!KEYS.contains(k)) {
          throw new UserException(
              UserException.USAGE,
              "unknown key '"
                  + k
                  + "' in config file "
                  + configFile
                  + " (known: "
                  + String.join(", ", KEYS.stream().sorted().toList())
                  + ")");
        }
      }
      return n;
    } catch (IOException e) {
      throw new UserException(
          UserException.BAD_INPUT, "cannot read config file " + configFile + ": " + e.getMessage());
    }
  }

  /**
   * One lookup across the three layers; relative paths in the file resolve against the file's
   * folder.
   */
  private record Layer(Map<String, Object> flags, JsonNode file, Path fileDir) {

    Object flag(String k) {
      return flags == null ? null : flags.get(k);
    }

    JsonNode fromFile(String k) {
      JsonNode n = file == null ? null : file.get(k);
      return n == null || n.isNull() ? null : n;
    }

    String string(String k, String def) {
      Object f = flag(k);
      if (f != null) {
        return f.toString();
      }
      JsonNode n = fromFile(k);
      return n != null ? n.asText() : def;
    }

    Number number(String k, Number def) {
      Object f = flag(k);
      if (f instanceof Number num) {
        return num;
      }
      String s = f != null ? f.toString() : (fromFile(k) != null ? fromFile(k).asText() : null);
      if (s == null) {
        return def;
      }
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        throw new UserException(UserException.USAGE, k + " must be a number, not: " + s);
      }
    }

    Path path(String k, Path def) {
      Object f = flag(k);
      if (f != null) {
        return f instanceof Path p ? p : Path.of(f.toString());
      }
      JsonNode n = fromFile(k);
      return n != null ? relative(n.asText()) : def;
    }

    List<Path> paths(String k) {
      Object f = flag(k);
      if (f instanceof List<?> list && !list.isEmpty()) {
        return list.stream().map(o -> o instanceof Path p ? p : Path.of(o.toString())).toList();
      }
      List<Path> out = new ArrayList<>();
      JsonNode n = fromFile(k);
      if (n != null) {
        if (n.isArray()) {
          n.forEach(e -> out.add(relative(e.asText())));
        } else {
          out.add(relative(n.asText()));
        }
      }
      return out;
    }

    List<String> strings(String k) {
      Object f = flag(k);
      if (f instanceof List<?> list && !list.isEmpty()) {
        return list.stream().map(Object::toString).toList();
      }
      List<String> out = new ArrayList<>();
      JsonNode n = fromFile(k);
      if (n != null) {
        if (n.isArray()) {
          n.forEach(e -> out.add(e.asText()));
        } else {
          for (String s : n.asText().split(",")) {
            if (!s.isBlank()) {
              out.add(s.trim());
            }
          }
        }
      }
      return out;
    }

    private Path relative(String s) {
      Path p = Path.of(s);
      return p.isAbsolute() || fileDir == null ? p : fileDir.resolve(p).normalize();
    }
  }
}
