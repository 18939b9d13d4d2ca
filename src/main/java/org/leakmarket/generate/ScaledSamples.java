package org.leakmarket.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.SparkSession;
import org.leakmarket.privacy.ChineseId;
import org.leakmarket.privacy.Validators;
import org.leakmarket.reference.BinTable;
import org.leakmarket.reference.PhoneSegments;

/**
 * The leak-sample half of {@code generate} at scale: K samples of about M records each, drawn from
 * a synthetic population of P = ceil(2.5 M) FAKE people (privacy.md section 6).
 *
 * <p>Design, so that the truth is known exactly:
 *
 * <ul>
 *   <li>Person {@code i} is a pure function of (seed, i): its attributes come from a {@link
 *       SplittableRandom} seeded with a mix of both. Its phone, card and ID number are injective in
 *       {@code i} (a bijective scramble of {@code i} is written into their free digits), so two
 *       people never share a linking token and linkage cannot merge them.
 *   <li>Overlap is controlled and independent: person {@code i} is in sample {@code s} with
 *       probability p = M / P, decided by a hash of (seed, s, i) alone. Samples are therefore
 *       independent Bernoulli draws with homogeneous capture probability (model M0), so
 *       capture–recapture is unbiased by design; the expected pairwise overlap is p^2 P.
 *   <li>Recycling is the overlap itself: a person re-sold in a later sample is the same record
 *       (same card), at expected share 1 - (1 - p)^s of sample {@code s}'s records.
 *   <li>Every real record shows its card (so every re-appearance links), its phone with probability
 *       0.9 and its ID number with probability 0.7.
 *   <li>Every fourth sample ({@code s % 4 == 3}) is padded with M/2 fabricated, Luhn-invalid cards
 *       (no phone, no ID), each distinct. The pipeline keeps them as records; whether they count as
 *       people is the pipeline's choice, so the truth reports both {@code population_size} (real
 *       people) and the fabricated count.
 * </ul>
 *
 * Formats cycle as in the demo generator: GB18030 CSV with Chinese headers, UTF-8 CSV with a BOM
 * and English headers, JSON Lines with a {@code columns} mapping, and the padded TSV.
 *
 * <p>Cost: O(K P) hashes and O(K M) records written, streaming, on the driver; memory O(1) in M.
 * About a microsecond or two per record on one core, so 10^6 records take seconds.
 */
public final class ScaledSamples implements SamplesWriter {
  /** Population size over records per sample. */
  public static final double POPULATION_FACTOR = 2.5;

  private static final Charset GB18030 = Charset.forName("GB18030");
  // Names and streets: the demo generator's word lists, so both make the same kind of fake people.
  private static final String[] SURNAMES = SampleGenerator.SURNAMES;
  private static final String[] GIVEN = SampleGenerator.GIVEN;
  private static final String[] STREETS = SampleGenerator.STREETS;
  private static final String[] COUNTIES = {
    "110105", "310104", "320102", "320506", "330106", "340104", "370102", "410105", "420106",
    "440106", "440304", "510107", "500103", "610113", "210102"
  };
  private static final LocalDate BIRTH0 = LocalDate.of(1955, 1, 1);
  private static final int BIRTH_DAYS = 365 * 40;

  private Truth last;

  /** What was written: the true population and, per sample, real and fabricated rows. */
  public record Truth(
      long seed, long populationSize, double inclusionProbability, List<SampleTruth> samples) {
    /** Fabricated rows over all samples. */
    public long fabricated() {
      return samples.stream().mapToLong(SampleTruth::fabricated).sum();
    }

    public ObjectNode toJson() {
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      n.put("generator", ScaledSamples.class.getName());
      n.put("population_size", populationSize);
      n.put("inclusion_probability", GeneratedListing.decimal(inclusionProbability));
      n.put("fabricated_records", fabricated());
      n.put("population_size_with_fabricated", populationSize + fabricated());
      n.put(
          "design",
          "independent Bernoulli draws (model M0); every real record shows its card; "
              + "fabricated cards are Luhn-invalid and appear once");
      ArrayNode a = n.putArray("samples");
      for (SampleTruth t : samples) {
        ObjectNode o = a.addObject();
        o.put("sample_id", t.sampleId());
        o.put("path", t.path());
        o.put("people", t.people());
        o.put("fabricated", t.fabricated());
        o.put("recycled", t.recycled());
      }
      return n;
    }
  }

  /** One sample: its file, real people, fabricated rows and people already in an earlier sample. */
  public record SampleTruth(
      String sampleId,
      String path,
      String format,
      String encoding,
      long people,
      long fabricated,
      long recycled) {}

  @Override
  public long write(
      SparkSession spark, Path outDir, int samples, long recordsPerSample, long seed) {
    last = generate(outDir.resolve("samples"), samples, recordsPerSample, seed);
    return last.populationSize();
  }

  /** The truth of the last {@link #write}, or null before. */
  public Truth last() {
    return last;
  }

  /** P for M records per sample. */
  public static long population(long recordsPerSample) {
    return Math.max((long) Math.ceil(recordsPerSample * POPULATION_FACTOR), recordsPerSample + 1);
  }

  /** Writes {@code samplesDir/manifest.jsonl} and one file per sample. */
  public static Truth generate(Path samplesDir, int samples, long recordsPerSample, long seed) {
    if (samples < 1 || recordsPerSample < 1) {
      throw new IllegalArgumentException("samples and records per sample must be positive");
    }
    long population = population(recordsPerSample);
    if (population > 10_000_000L) {
      throw new IllegalArgumentException(
          "records per sample above 4,000,000 exceed the injective identifier space");
    }
    double p = (double) recordsPerSample / population;
    List<BinTable.Bin> bins =
        BinTable.load(null).all().stream()
            .filter(b -> "CN".equals(b.country()) && b.bin().length() == 6)
            .toList();
    List<PhoneSegments.Segment> segments = PhoneSegments.load(null).segments();
    Population people = new Population(seed, bins, segments);
    List<SampleTruth> truths = new ArrayList<>();
    StringBuilder manifest = new StringBuilder();
    try {
      Files.createDirectories(samplesDir);
      for (int s = 0; s < samples; s++) {
        String id = String.format("s-gen-%03d", s + 1);
        LocalDate obtained = LocalDate.of(2015, 1, 8).plusDays(27L * s);
        SampleTruth t = writeSample(samplesDir, id, s, people, population, p, seed, bins);
        truths.add(t);
        manifest
            .append("{\"sample_id\":\"")
            .append(id)
            .append("\",\"path\":\"")
            .append(t.path())
            .append("\",\"obtained_at\":\"")
            .append(obtained)
            .append("\",\"seller\":\"")
            .append(s % 2 == 0 ? "鑫源数据" : "data_king_88")
            .append("\",\"source\":\"")
            .append(s % 2 == 0 ? "qq" : "wechat")
            .append("\",\"format\":\"")
            .append(t.format())
            .append("\",\"encoding\":\"")
            .append(t.encoding())
            .append('"');
        if (s % 4 == 3) {
          manifest.append(",\"delimiter\":\"\\t\"");
        }
        if (s % 4 == 2) {
          manifest.append(",\"columns\":{\"cust_nm\":\"name\",\"card_no\":\"card_number\"}");
        }
        manifest.append("}\n");
      }
      Files.writeString(samplesDir.resolve("manifest.jsonl"), manifest, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write samples under " + samplesDir, e);
    }
    return new Truth(seed, population, p, List.copyOf(truths));
  }

  /** Whether person i is in sample s: a hash of (seed, s, i) only. */
  static boolean member(long seed, int s, long i, double p) {
    long h = mix(mix(seed * 0x9E3779B97F4A7C15L + s) ^ i);
    return (h >>> 11) * 0x1.0p-53 < p;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A bijection of [0, 10^digits): multiply by a unit mod 10^digits and add an offset. */
  static long scramble(long i, int digits, long salt) {
    long mod = 1;
    for (int d = 0; d < digits; d++) {
      mod *= 10;
    }
    long unit = 387_420_489L % mod; // 3^18, coprime with 10
    return Math.floorMod((i % mod) * unit + salt, mod);
  }

  /** Fake person i; tokens injective in i. */
  record Person(
      String name,
      String phone,
      String id,
      String card,
      String issuer,
      String level,
      int creditLimit,
      String address,
      String email) {}

  /** The population as a function of (seed, i). */
  static final class Population {
    private final long seed;
    private final List<BinTable.Bin> bins;
    private final List<PhoneSegments.Segment> segments;

    Population(long seed, List<BinTable.Bin> bins, List<PhoneSegments.Segment> segments) {
      this.seed = seed;
      this.bins = bins;
      this.segments = segments;
    }

    Person person(long i) {
      SplittableRandom r = new SplittableRandom(mix(seed ^ 0x5DEECE66DL) + i);
      String name =
          SURNAMES[r.nextInt(SURNAMES.length)]
              + GIVEN[r.nextInt(GIVEN.length)]
              + (r.nextInt(3) == 0 ? GIVEN[r.nextInt(GIVEN.length)] : "");
      int nseg = segments.size();
      long k = i / nseg;
      // phone: segment i mod S, four scrambled digits from i / S; none past the segments' capacity
      String phone =
          k < 10_000
              ? segments.get((int) (i % nseg)).prefix() + pad(scramble(k, 4, seed & 0xFFF), 4)
              : null;
      long idx =
          scramble(
              i,
              8,
              seed & 0xFFFFF); // below 10^8, inside the 2.19 x 10^8 (county, birth day, sequence)
      // space
      String county = COUNTIES[(int) (idx % COUNTIES.length)];
      long rest = idx / COUNTIES.length;
      LocalDate birth = BIRTH0.plusDays(rest % BIRTH_DAYS);
      String first17 =
          county + birth.toString().replace("-", "") + pad(rest / BIRTH_DAYS % 1000, 3);
      String idn = first17 + ChineseId.checkChar(first17);
      BinTable.Bin bin = bins.get(r.nextInt(bins.size()));
      String payload = bin.bin() + pad(scramble(i, 9, seed & 0xFFFFFF), 9);
      String card = payload + Validators.luhnCheckDigit(payload);
      String city = segments.get((int) (i % nseg)).city();
      String address =
          (city == null ? "" : city)
              + STREETS[r.nextInt(STREETS.length)]
              + (1 + r.nextInt(300))
              + "号"
              + (1 + r.nextInt(20))
              + "栋"
              + (101 + r.nextInt(1500))
              + "室";
      String email = "u" + Long.toString(scramble(i, 9, 17), 36) + "@qq.com";
      return new Person(
          name,
          phone,
          idn,
          card,
          bin.issuer(),
          bin.level(),
          (5 + r.nextInt(96)) * 1000,
          address,
          email);
    }
  }

  private static String pad(long v, int width) {
    String s = Long.toString(v);
    return "0".repeat(Math.max(0, width - s.length())) + s;
  }

  private static String csv(String v, char delim) {
    if (v == null) {
      return "";
    }
    if (v.indexOf(delim) >= 0 || v.indexOf('"') >= 0) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  private static SampleTruth writeSample(
      Path dir,
      String id,
      int s,
      Population people,
      long population,
      double p,
      long seed,
      List<BinTable.Bin> bins)
      throws IOException {
    int kind = s % 4;
    String file =
        id
            + switch (kind) {
              case 2 -> ".jsonl";
              case 3 -> ".tsv";
              default -> ".csv";
            };
    Charset cs = kind == 0 ? GB18030 : StandardCharsets.UTF_8;
    long real = 0;
    long recycled = 0;
    long fabricated = 0;
    try (BufferedWriter w =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(dir.resolve(file)), cs), 1 << 16)) {
      switch (kind) {
        case 0 -> w.write("序号,姓名,手机号码,身份证号,卡号,开户行,卡种,额度,家庭地址\n");
        case 1 -> w.write("\uFEFFName,Mobile,ID No,Card Number,Bank,Card Level,Email,Address\r\n");
        case 3 -> w.write("姓名\t手机\t信用卡号\t发卡行\n");
        default -> {}
      }
      for (long i = 0; i < population; i++) {
        if (!member(seed, s, i, p)) {
          continue;
        }
        real++;
        for (int e = 0; e < s; e++) {
          if (member(seed, e, i, p)) {
            recycled++;
            break;
          }
        }
        Person q = people.person(i);
        SplittableRandom r = new SplittableRandom(mix(seed + 31L * s) ^ mix(i));
        String phone = r.nextInt(10) < 9 ? q.phone() : null;
        String idn = r.nextInt(10) < 7 ? q.id() : null;
        switch (kind) {
          case 0 ->
              w.write(
                  String.join(
                          ",",
                          Long.toString(real),
                          csv(q.name(), ','),
                          csv(phone, ','),
                          csv(idn, ','),
                          q.card(),
                          q.issuer(),
                          q.level(),
                          Integer.toString(q.creditLimit()),
                          csv(q.address(), ','))
                      + "\n");
          case 1 ->
              w.write(
                  String.join(
                          ",",
                          csv(q.name(), ','),
                          csv(phone, ','),
                          csv(idn, ','),
                          q.card(),
                          q.issuer(),
                          q.level(),
                          q.email(),
                          csv(q.address(), ','))
                      + "\r\n");
          case 2 -> {
            StringBuilder b = new StringBuilder("{\"cust_nm\":\"").append(q.name()).append('"');
            if (phone != null) {
              b.append(",\"tel\":\"").append(phone).append('"');
            }
            if (idn != null) {
              b.append(",\"cert_no\":\"").append(idn).append('"');
            }
            b.append(",\"card_no\":\"")
                .append(q.card())
                .append("\",\"email\":\"")
                .append(q.email())
                .append("\"}\n");
            w.write(b.toString());
          }
          default -> {
            w.write(
                q.name()
                    + "\t"
                    + (phone == null ? "" : phone)
                    + "\t"
                    + q.card()
                    + "\t"
                    + q.issuer()
                    + "\n");
            // padding: one fabricated card after every second real record
            if (real % 2 == 0) {
              long j = population + fabricated;
              BinTable.Bin bin = bins.get((int) (j % bins.size()));
              String payload = bin.bin() + pad(scramble(j, 9, seed & 0xFFFFFF), 9);
              int bad = (Validators.luhnCheckDigit(payload) + 1 + r.nextInt(9)) % 10;
              w.write(
                  SURNAMES[r.nextInt(SURNAMES.length)]
                      + GIVEN[r.nextInt(GIVEN.length)]
                      + "\t\t"
                      + payload
                      + bad
                      + "\t"
                      + bin.issuer()
                      + "\n");
              fabricated++;
            }
          }
        }
      }
    }
    return new SampleTruth(
        id,
        file,
        kind == 2 ? "jsonl" : kind == 3 ? "tsv" : "csv",
        kind == 0 ? "gb18030" : "utf-8",
        real,
        fabricated,
        recycled);
  }
}
