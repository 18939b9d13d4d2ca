package org.leakmarket.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.leakmarket.privacy.ChineseId;
import org.leakmarket.privacy.Validators;
import org.leakmarket.reference.BinTable;
import org.leakmarket.reference.PhoneSegments;

/**
 * Generates synthetic leak samples of FAKE people (privacy.md section 6): a manifest and its record
 * files, deterministic from a seed (same arguments, byte-identical files). Formats cycle through
 * what real dumps look like: (1) GB18030 CSV with Chinese headers and spreadsheet damage ({@code
 * 6.22202E+15}, leading {@code '}, full-width digits, quoted commas, blank lines, a trailing total
 * row); (2) UTF-8 CSV with a BOM, CRLF and English headers; (3) JSON Lines with a custom key mapped
 * by the manifest's {@code columns}; (4) TSV padded with fabricated, Luhn-invalid cards. Each
 * sample draws its people independently and uniformly from one population (so capture–recapture has
 * a true N to find); the first few people are placed in the first three samples with disjoint
 * identifiers (phone; phone+card; card+ID) so they are linked only transitively.
 *
 * <p>Cost: in memory per person (population about 2.5 x records per sample); files are written
 * streaming.
 */
public final class SampleGenerator {
  /** The demo's arguments: {@code data-samples/samples} is {@code writeDemo} of these. */
  public static final int DEMO_SAMPLES = 4;

  public static final int DEMO_RECORDS = 160;
  public static final long DEMO_SEED = 2015L;

  /** People forced into samples 1–3 with identifiers that link only transitively. */
  public static final int TRANSITIVE_PEOPLE = 5;

  private static final Charset GB18030 = Charset.forName("GB18030");
  static final String[] SURNAMES = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "欧阳", "司马"
  };
  static final String[] GIVEN = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞",
    "平", "刚", "桂英", "建华", "志强", "海燕"
  };
  static final String[] STREETS = {
    "人民路", "解放路", "长江西路", "中山路", "建设大道", "和平街", "胜利路", "金寨路", "淮海路", "南京东路", "黄山路", "天府大道"
  };
  private static final String[] MAIL = {"qq.com", "163.com", "126.com", "sina.com", "139.com"};
  private static final String[][] COUNTIES = {
    {"11", "110105"},
    {"31", "310104"},
    {"32", "320102"},
    {"32", "320506"},
    {"33", "330106"},
    {"34", "340104"},
    {"37", "370102"},
    {"41", "410105"},
    {"42", "420106"},
    {"44", "440106"},
    {"44", "440304"},
    {"51", "510107"},
    {"50", "500103"},
    {"61", "610113"},
    {"21", "210102"}
  };
  private static final Map<String, String> CITY_ZH =
      Map.ofEntries(
          Map.entry("Beijing", "北京市"),
          Map.entry("Shanghai", "上海市"),
          Map.entry("Nanjing", "江苏省南京市"),
          Map.entry("Suzhou", "江苏省苏州市"),
          Map.entry("Hangzhou", "浙江省杭州市"),
          Map.entry("Hefei", "安徽省合肥市"),
          Map.entry("Jinan", "山东省济南市"),
          Map.entry("Zhengzhou", "河南省郑州市"),
          Map.entry("Wuhan", "湖北省武汉市"),
          Map.entry("Guangzhou", "广东省广州市"),
          Map.entry("Shenzhen", "广东省深圳市"),
          Map.entry("Chengdu", "四川省成都市"),
          Map.entry("Chongqing", "重庆市"),
          Map.entry("Xi'an", "陕西省西安市"),
          Map.entry("Shenyang", "辽宁省沈阳市"));
  private static final Map<String, String> BANK_ZH =
      Map.ofEntries(
          Map.entry("ICBC", "中国工商银行"),
          Map.entry("ABC", "中国农业银行"),
          Map.entry("BOC", "中国银行"),
          Map.entry("CCB", "中国建设银行"),
          Map.entry("BOCOM", "交通银行"),
          Map.entry("CMB", "招商银行"),
          Map.entry("CITIC", "中信银行"),
          Map.entry("CEB", "光大银行"),
          Map.entry("CIB", "兴业银行"),
          Map.entry("SPDB", "浦发银行"),
          Map.entry("CMBC", "民生银行"),
          Map.entry("PAB", "平安银行"),
          Map.entry("HXB", "华夏银行"),
          Map.entry("CGB", "广发银行"),
          Map.entry("PSBC", "中国邮政储蓄银行"),
          Map.entry("BOJS", "江苏银行"),
          Map.entry("BOSH", "上海银行"),
          Map.entry("BOB", "北京银行"));
  private static final Map<String, String> LEVEL_ZH =
      Map.of("classic", "普卡", "gold", "金卡", "platinum", "白金卡", "diamond", "钻石卡", "infinite", "无限卡");

  /** One fake person. */
  record Person(
      int index,
      String name,
      String phone,
      String id,
      String card,
      String issuer,
      String level,
      String address,
      String email,
      String account,
      int creditLimit) {}

  /** What was generated, for tests and {@code ground_truth.json}. */
  public record GroundTruth(
      long seed,
      int populationSize,
      List<SampleTruth> samples,
      Map<String, Integer> pairwiseOverlap,
      int transitivePeople) {}

  /** One sample: its file, how many real people and fabricated rows it holds. */
  public record SampleTruth(
      String sampleId,
      String path,
      String format,
      String encoding,
      int people,
      int fabricated,
      int blankLines,
      int totalRows,
      String obtainedAt,
      String listingId) {}

  private SampleGenerator() {}

  /**
   * {@code java ... SampleGenerator DIR [samples records seed]}: writes DIR/manifest.jsonl and
   * files.
   */
  public static void main(String[] args) {
    if (args.length != 1 && args.length != 4) {
      throw new IllegalArgumentException(
          "usage: SampleGenerator DIR [samples records-per-sample seed]");
    }
    Path dir = Path.of(args[0]);
    if (args.length == 1) {
      writeDemo(dir);
    } else {
      generate(dir, Integer.parseInt(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
    }
  }

  /** Writes the demo's samples ({@code data-samples/samples}). */
  public static GroundTruth writeDemo(Path samplesDir) {
    return generate(samplesDir, DEMO_SAMPLES, DEMO_RECORDS, DEMO_SEED);
  }

  /**
   * Writes {@code samplesDir/manifest.jsonl} and one file per sample.
   *
   * @param samples number of samples (at least 1)
   * @param recordsPerSample real people per sample (the padded sample adds fabricated rows)
   */
  public static GroundTruth generate(
      Path samplesDir, int samples, int recordsPerSample, long seed) {
    if (samples < 1 || recordsPerSample < 1) {
      throw new IllegalArgumentException(
          "samples and records per sample must be positive: " + samples + ", " + recordsPerSample);
    }
    Random rnd = new Random(seed);
    BinTable bins = BinTable.load(null);
    List<BinTable.Bin> chineseBins =
        bins.all().stream().filter(b -> "CN".equals(b.country())).toList();
    List<PhoneSegments.Segment> segments = PhoneSegments.load(null).segments();
    int population =
        Math.max((int) Math.round(recordsPerSample * 2.5), recordsPerSample + TRANSITIVE_PEOPLE);
    List<Person> people = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (int i = 0; i < population; i++) {
      people.add(person(i, rnd, chineseBins, segments, used));
    }
    int forced = samples >= 3 ? Math.min(TRANSITIVE_PEOPLE, recordsPerSample) : 0;
    List<List<Integer>> members = new ArrayList<>();
    for (int s = 0; s < samples; s++) {
      List<Integer> pool = new ArrayList<>();
      for (int i = 0; i < population; i++) {
        pool.add(i);
      }
      List<Integer> chosen = new ArrayList<>();
      if (s < 3) {
        for (int i = 0; i < forced; i++) {
          chosen.add(i);
        }
        pool.subList(0, forced).clear();
      } else {
        pool.subList(0, forced).clear(); // transitive people appear in exactly the first three
      }
      while (chosen.size() < recordsPerSample && !pool.isEmpty()) {
        // Swap-remove: O(1) per draw, uniform without replacement.
        int k = rnd.nextInt(pool.size());
        int last = pool.size() - 1;
        chosen.add(pool.get(k));
        pool.set(k, pool.get(last));
        pool.remove(last);
      }
      java.util.Collections.shuffle(chosen, rnd);
      members.add(chosen);
    }
    try {
      Files.createDirectories(samplesDir);
      List<SampleTruth> truths = new ArrayList<>();
      StringBuilder manifest = new StringBuilder();
      for (int s = 0; s < samples; s++) {
        String id = String.format("s-2015-%03d", s + 1);
        LocalDate obtained = LocalDate.of(2015, 1, 8).plusDays(27L * s);
        String listing = String.format("L-demo-sample-%03d", s + 1);
        String seller = s % 2 == 0 ? "鑫源数据" : "data_king_88";
        String source = s % 2 == 0 ? "qq" : "wechat";
        SampleTruth t =
            switch (s % 4) {
              case 0 ->
                  writeChineseCsv(
                      samplesDir, id, members.get(s), people, rnd, forced, obtained, listing);
              case 1 ->
                  writeEnglishCsv(
                      samplesDir, id, members.get(s), people, rnd, forced, obtained, listing);
              case 2 ->
                  writeJsonl(
                      samplesDir, id, members.get(s), people, rnd, forced, obtained, listing);
              default ->
                  writePaddedTsv(
                      samplesDir, id, members.get(s), people, rnd, chineseBins, obtained, listing);
            };
        truths.add(t);
        manifest
            .append("{\"sample_id\":\"")
            .append(id)
            .append("\",\"path\":\"")
            .append(t.path())
            .append("\",\"obtained_at\":\"")
            .append(obtained)
            .append("\",\"listing_id\":\"")
            .append(listing)
            .append("\",\"seller\":\"")
            .append(seller)
            .append("\",\"source\":\"")
            .append(source)
            .append("\",\"format\":\"")
            .append(t.format())
            .append("\",\"encoding\":\"")
            .append(t.encoding())
            .append('"');
        if (s % 4 == 3) {
          manifest.append(",\"delimiter\":\"\\t\"");
        }
        if (s % 4 == 2) {
          manifest.append(",\"columns\":{\"cust_nm\":\"name\",\"acct\":\"account_number\"}");
        }
        manifest.append("}\n");
      }
      Files.writeString(samplesDir.resolve("manifest.jsonl"), manifest, StandardCharsets.UTF_8);
      Map<String, Integer> overlap = new TreeMap<>();
      for (int a = 0; a < samples; a++) {
        for (int b = a + 1; b < samples; b++) {
          Set<Integer> sa = new LinkedHashSet<>(members.get(a));
          sa.retainAll(new LinkedHashSet<>(members.get(b)));
          overlap.put(truths.get(a).sampleId() + "|" + truths.get(b).sampleId(), sa.size());
        }
      }
      return new GroundTruth(seed, population, List.copyOf(truths), overlap, forced);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write samples under " + samplesDir, e);
    }
  }

  private static Person person(
      int i,
      Random rnd,
      List<BinTable.Bin> bins,
      List<PhoneSegments.Segment> segments,
      Set<String> used) {
    String name =
        SURNAMES[rnd.nextInt(SURNAMES.length)]
            + GIVEN[rnd.nextInt(GIVEN.length)]
            + (rnd.nextInt(3) == 0 ? GIVEN[rnd.nextInt(GIVEN.length)] : "");
    PhoneSegments.Segment seg = segments.get(rnd.nextInt(segments.size()));
    String phone;
    do {
      phone = seg.prefix() + String.format("%04d", rnd.nextInt(10_000));
    } while (!used.add(phone));
    String county = null;
    if (rnd.nextInt(10) < 7) {
      for (String[] c : COUNTIES) {
        if (c[0].equals(seg.provinceCode())) {
          county = c[1];
          break;
        }
      }
    }
    if (county == null) {
      county = COUNTIES[rnd.nextInt(COUNTIES.length)][1];
    }
    LocalDate birth = LocalDate.of(1955, 1, 1).plusDays(rnd.nextInt(365 * 40));
    String id;
    do {
      String first17 =
          county + birth.toString().replace("-", "") + String.format("%03d", rnd.nextInt(1000));
      id = first17 + ChineseId.checkChar(first17);
    } while (!used.add(id));
    BinTable.Bin bin = bins.get(rnd.nextInt(bins.size()));
    String card;
    do {
      card = cardNumber(bin.bin(), "debit".equals(bin.type()) ? 19 : 16, rnd, true);
    } while (!used.add(card));
    String city = CITY_ZH.getOrDefault(seg.city(), "北京市");
    String address =
        city
            + STREETS[rnd.nextInt(STREETS.length)]
            + (1 + rnd.nextInt(300))
            + "号"
            + (1 + rnd.nextInt(20))
            + "栋"
            + (101 + rnd.nextInt(1500))
            + "室";
    String email =
        pinyinish(rnd)
            + (rnd.nextInt(2) == 0 ? String.valueOf(1960 + rnd.nextInt(40)) : "")
            + "@"
            + MAIL[rnd.nextInt(MAIL.length)];
    String account = "62" + digits(rnd, 17);
    int limit = (5 + rnd.nextInt(96)) * 1000;
    return new Person(
        i, name, phone, id, card, bin.issuer(), bin.level(), address, email, account, limit);
  }

  private static String pinyinish(Random rnd) {
    String[] syll = {
      "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun",
      "ma", "zhu", "hu", "guo", "wei", "fang", "na", "min", "jing", "qiang", "lei"
    };
    return syll[rnd.nextInt(syll.length)] + syll[rnd.nextInt(syll.length)];
  }

  private static String digits(Random rnd, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + rnd.nextInt(10)));
    }
    return b.toString();
  }

  /** A card number of the given length with the BIN prefix; Luhn-valid or deliberately not. */
  static String cardNumber(String bin, int length, Random rnd, boolean valid) {
    String payload = bin + digits(rnd, length - bin.length() - 1);
    int check = Validators.luhnCheckDigit(payload);
    return payload + (valid ? check : (check + 1 + rnd.nextInt(9)) % 10);
  }

  /** How Excel shows a long number it stored as a double: six significant digits. */
  static String excelMangled(String digits) {
    return digits.charAt(0) + "." + digits.substring(1, 6) + "E+" + (digits.length() - 1);
  }

  private static String fullWidth(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c >= '0' && c <= '9' ? (char) (c - '0' + '０') : c);
    }
    return b.toString();
  }

  private static String csv(String v, char delim) {
    if (v == null) {
      return "";
    }
    if (v.indexOf(delim) >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  private static BufferedWriter writer(Path file, Charset cs) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    return new BufferedWriter(new OutputStreamWriter(out, cs));
  }

  /** Which identifiers a record shows: transitive people get disjoint sets per sample. */
  private static boolean[] show(int sample, Person p, int forced, Random rnd) {
    // {name, phone, id, card}
    if (p.index() < forced) {
      return switch (sample) {
        case 0 -> new boolean[] {true, true, false, false};
        case 1 -> new boolean[] {false, true, false, true};
        default -> new boolean[] {false, false, true, true};
      };
    }
    boolean phone = rnd.nextInt(10) < 9;
    boolean card = rnd.nextInt(20) < 17;
    boolean id = rnd.nextInt(10) < 7;
    if (!phone && !card && !id) {
      phone = true;
    }
    return new boolean[] {rnd.nextInt(20) < 19, phone, id, card};
  }

  private static SampleTruth writeChineseCsv(
      Path dir,
      String id,
      List<Integer> members,
      List<Person> people,
      Random rnd,
      int forced,
      LocalDate obtained,
      String listing)
      throws IOException {
    String file = id + ".csv";
    int blank = 0;
    try (BufferedWriter w = writer(dir.resolve(file), GB18030)) {
      w.write("序号,姓名,手机号码,身份证号,卡号,开户行,卡种,额度,家庭地址\n");
      int row = 0;
      for (int m : members) {
        Person p = people.get(m);
        boolean[] f = show(0, p, forced, rnd);
        row++;
        String phone = f[1] ? p.phone() : "";
        int style = rnd.nextInt(10);
        if (f[1] && style == 0) {
          phone = fullWidth(phone);
        } else if (f[1] && style == 1) {
          phone =
              "+86 "
                  + phone.substring(0, 3)
                  + " "
                  + phone.substring(3, 7)
                  + " "
                  + phone.substring(7);
        }
        String card = f[3] ? p.card() : "";
        int damage = rnd.nextInt(25);
        if (f[3] && damage == 0) {
          card = excelMangled(card);
        } else if (f[3] && damage < 6) {
          card = "'" + card;
        }
        String idn = f[2] ? p.id() : "";
        if (f[2] && rnd.nextInt(8) == 0) {
          idn = idn.toLowerCase(java.util.Locale.ROOT);
        }
        String address = p.address();
        if (rnd.nextInt(3) == 0) {
          address = address.replace("号", "号, ");
        }
        w.write(
            String.join(
                ",",
                String.valueOf(row),
                csv(f[0] ? p.name() : "", ','),
                csv(phone, ','),
                csv(idn, ','),
                csv(card, ','),
                BANK_ZH.get(p.issuer()),
                LEVEL_ZH.getOrDefault(p.level(), "普卡"),
                String.valueOf(p.creditLimit()),
                csv(address, ',')));
        w.write('\n');
        if (rnd.nextInt(50) == 0) {
          w.write('\n');
          blank++;
        }
      }
      // Two rows whose only identifier is a mangled card: rejected as mangled_number.
      for (int i = 0; i < 2; i++) {
        Person p = people.get(members.get(i));
        w.write(",,,," + excelMangled(p.card()) + "," + BANK_ZH.get(p.issuer()) + ",,,\n");
      }
      w.write('\n');
      blank++;
      w.write("合计," + members.size() + "条,,,,,,,\n");
    }
    return new SampleTruth(
        id, file, "csv", "gb18030", members.size(), 0, blank, 1, obtained.toString(), listing);
  }

  private static SampleTruth writeEnglishCsv(
      Path dir,
      String id,
      List<Integer> members,
      List<Person> people,
      Random rnd,
      int forced,
      LocalDate obtained,
      String listing)
      throws IOException {
    String file = id + ".csv";
    try (OutputStream out = Files.newOutputStream(dir.resolve(file));
        BufferedWriter w =
            new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      w.write("Name,Mobile,ID No,Card Number,Bank,Card Level,Email,Address\r\n");
      for (int m : members) {
        Person p = people.get(m);
        boolean[] f = show(1, p, forced, rnd);
        String card = f[3] ? p.card() : "";
        if (f[3] && rnd.nextInt(4) == 0) {
          card = card.replaceAll("(\\d{4})(?=\\d)", "$1 ");
        }
        w.write(
            String.join(
                ",",
                csv(f[0] ? p.name() : "", ','),
                f[1] ? p.phone() : "",
                f[2] ? p.id() : "",
                card,
                p.issuer(),
                p.level(),
                rnd.nextInt(2) == 0 ? p.email() : "",
                csv(p.address(), ',')));
        w.write("\r\n");
      }
    }
    return new SampleTruth(
        id, file, "csv", "utf-8", members.size(), 0, 0, 0, obtained.toString(), listing);
  }

  private static SampleTruth writeJsonl(
      Path dir,
      String id,
      List<Integer> members,
      List<Person> people,
      Random rnd,
      int forced,
      LocalDate obtained,
      String listing)
      throws IOException {
    String file = id + ".jsonl";
    try (BufferedWriter w = writer(dir.resolve(file), StandardCharsets.UTF_8)) {
      for (int m : members) {
        Person p = people.get(m);
        boolean[] f = show(2, p, forced, rnd);
        Map<String, String> o = new LinkedHashMap<>();
        if (f[0]) {
          o.put("cust_nm", "\"" + p.name() + "\"");
        }
        if (f[1]) {
          o.put(
              "tel",
              "\"+86-"
                  + p.phone().substring(0, 3)
                  + "-"
                  + p.phone().substring(3, 7)
                  + "-"
                  + p.phone().substring(7)
                  + "\"");
        }
        if (f[2]) {
          o.put("cert_no", "\"" + p.id() + "\"");
        }
        if (f[3]) {
          o.put("card_no", rnd.nextInt(2) == 0 ? p.card() : "\"" + p.card() + "\"");
        }
        if (rnd.nextInt(3) == 0) {
          o.put("acct", "\"" + p.account() + "\"");
        }
        o.put("email", "\"" + p.email() + "\"");
        StringBuilder b = new StringBuilder("{");
        o.forEach(
            (k, v) ->
                b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        w.write(b.append("}\n").toString());
      }
    }
    return new SampleTruth(
        id, file, "jsonl", "utf-8", members.size(), 0, 0, 0, obtained.toString(), listing);
  }

  private static SampleTruth writePaddedTsv(
      Path dir,
      String id,
      List<Integer> members,
      List<Person> people,
      Random rnd,
      List<BinTable.Bin> bins,
      LocalDate obtained,
      String listing)
      throws IOException {
    String file = id + ".tsv";
    int fabricated = members.size() * 3 / 2;
    List<String> rows = new ArrayList<>();
    for (int m : members) {
      Person p = people.get(m);
      rows.add(p.name() + "\t" + p.phone() + "\t" + p.card() + "\t" + BANK_ZH.get(p.issuer()));
    }
    for (int i = 0; i < fabricated; i++) {
      BinTable.Bin bin = bins.get(rnd.nextInt(bins.size()));
      String name = SURNAMES[rnd.nextInt(SURNAMES.length)] + GIVEN[rnd.nextInt(GIVEN.length)];
      rows.add(
          name + "\t\t" + cardNumber(bin.bin(), 16, rnd, false) + "\t" + BANK_ZH.get(bin.issuer()));
    }
    java.util.Collections.shuffle(rows, rnd);
    try (BufferedWriter w = writer(dir.resolve(file), StandardCharsets.UTF_8)) {
      w.write("姓名\t手机\t信用卡号\t发卡行\n");
      for (String r : rows) {
        w.write(r);
        w.write('\n');
      }
    }
    return new SampleTruth(
        id, file, "tsv", "utf-8", members.size(), fabricated, 0, 0, obtained.toString(), listing);
  }
}
