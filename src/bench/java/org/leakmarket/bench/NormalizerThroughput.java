package org.leakmarket.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.leakmarket.config.Defaults;
import org.leakmarket.normalize.ListingJson;
import org.leakmarket.normalize.Normalizer;
import org.leakmarket.normalize.NormalizerSettings;
import org.leakmarket.normalize.Offer;
import org.leakmarket.reference.FxTable;

/**
 * Benchmark main (not a test): adverts per second on one thread for (a) Jackson parsing each JSONL
 * line into a tree and (b) the same parsing plus {@link ListingJson#fromJson} and {@link
 * Normalizer#normalize}, with warm-up rounds, then several measured rounds of each, interleaved,
 * timed by the thread's CPU time (and the wall clock). Prints a table, the medians and their ratio
 * (the target is b/a &gt;= 0.5).
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/classpath.txt) \
 *   org.leakmarket.bench.NormalizerThroughput [FILE.jsonl] [--rounds N] [--generate N]</pre>
 *
 * Without a file it generates adverts of the golden corpus's kinds (seeded). Costs one core for
 * about {@code 2 x (warm-up + rounds)} passes over the lines; holds the lines in memory.
 */
public final class NormalizerThroughput {
  private NormalizerThroughput() {}

  public static void main(String[] args) throws IOException {
    Path file = null;
    int rounds = 7;
    int generate = 50_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--generate" -> generate = Integer.parseInt(args[++i]);
        default -> file = Path.of(args[i]);
      }
    }
    List<String> lines =
        file == null
            ? generate(generate, 20150112L)
            : Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank())
                .toList();
    // a benchmark report, written to standard output like a CLI command's
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    run(
        lines,
        rounds,
        file == null ? "generated " + lines.size() + " adverts" : file.toString(),
        out);
  }

  /** Runs the benchmark over {@code lines} and prints the table to {@code out}. */
  public static void run(List<String> lines, int rounds, String label, PrintStream out)
      throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Normalizer normalizer =
        new Normalizer(
            FxTable.shipped(Defaults.FX_MAX_AGE_DAYS),
            new NormalizerSettings(Defaults.MIN_PRICE, Defaults.MAX_PRICE));
    long sink = 0;
    for (int w = 0; w < 5; w++) {
      sink += jacksonOnly(mapper, lines);
      sink += withNormalizer(mapper, normalizer, lines);
    }
    // Thread CPU time, not wall time: on a shared machine the wall clock also counts the time
    // this thread waited for a core, which says nothing about the code. Both are printed.
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    double[] a = new double[rounds];
    double[] b = new double[rounds];
    double[] aw = new double[rounds];
    double[] bw = new double[rounds];
    out.printf(
        "NormalizerThroughput: %s, %d lines, single thread, %d rounds after 5 warm-up rounds%n",
        label, lines.size(), rounds);
    out.printf("adverts per CPU-second of this thread (wall-clock figures in brackets)%n");
    out.printf("%-6s %28s %36s%n", "round", "jackson only", "jackson + normaliser");
    for (int r = 0; r < rounds; r++) {
      long c0 = cpu.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      sink += jacksonOnly(mapper, lines);
      long c1 = cpu.getCurrentThreadCpuTime();
      long t1 = System.nanoTime();
      sink += withNormalizer(mapper, normalizer, lines);
      long c2 = cpu.getCurrentThreadCpuTime();
      long t2 = System.nanoTime();
      a[r] = lines.size() / ((c1 - c0) / 1e9);
      b[r] = lines.size() / ((c2 - c1) / 1e9);
      aw[r] = lines.size() / ((t1 - t0) / 1e9);
      bw[r] = lines.size() / ((t2 - t1) / 1e9);
      out.printf(
          "%-6d %14.0f %13s %20.0f %15s%n",
          r + 1, a[r], "(" + Math.round(aw[r]) + ")", b[r], "(" + Math.round(bw[r]) + ")");
    }
    double ma = median(a);
    double mb = median(b);
    // time per advert of the normaliser alone = (b's time) - (a's time)
    double normalizerOnly = 1.0 / (1.0 / mb - 1.0 / ma);
    out.printf(
        "%-6s %14.0f %13s %20.0f %15s%n",
        "median", ma, "(" + Math.round(median(aw)) + ")", mb, "(" + Math.round(median(bw)) + ")");
    out.printf(
        "ratio (jackson + normaliser) / jackson = %.3f CPU time, %.3f wall clock (target >= 0.5)%n",
        mb / ma, median(bw) / median(aw));
    out.printf(
        "normaliser alone (CPU, from the medians) = %.0f adv/s, %.2f us per advert%n",
        normalizerOnly, 1e6 / normalizerOnly);
    out.printf("(checksum %d)%n", sink);
  }

  private static long jacksonOnly(ObjectMapper mapper, List<String> lines) throws IOException {
    long s = 0;
    for (String l : lines) {
      JsonNode n = mapper.readTree(l);
      s += n.size();
    }
    return s;
  }

  private static long withNormalizer(ObjectMapper mapper, Normalizer normalizer, List<String> lines)
      throws IOException {
    long s = 0;
    for (String l : lines) {
      JsonNode n = mapper.readTree(l);
      List<Offer> offers = normalizer.normalize(ListingJson.fromJson(n));
      s += offers.size();
    }
    return s;
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }

  private static final String[] TEMPLATES = {
    "%F%B信用卡资料 每条%P，%M万条起",
    "%R%B客户数据 %N万条%A元 先试后付",
    "%T%P %T%P %T%P",
    "%F数据 %P一条，二手%P",
    "出售%R%C资料，%A元%N万条，每条只要%P",
    "Fresh %E CC $%D each, min %N0k",
    "%E fullz $%A for %Nk records",
    "收%B信用卡资料 长期有效",
    "工农中建交 %T客户 每条最高%D元",
    "%R %C %P/条 量大从优 联系QQ%Q",
    "價格%P到%D元不等 %B客戶資料 每條",
    "%E bank logs from $%D to $%A, %F",
  };
  private static final String[] BANKS = {"工行", "农行", "中行", "建行", "交行", "招行", "浦发银行", "光大银行", ""};
  private static final String[] REGIONS = {"安徽", "合肥", "上海", "沪", "广东", "深圳", "江苏", "河北", "浙江", ""};
  private static final String[] CATS = {"车主", "业主", "股民", "网贷客户", "保险客户", "机主", "学生家长", "淘宝买家"};
  private static final String[] TIERS = {"普卡", "金卡", "白金卡", "钻石卡"};
  private static final String[] FRESH = {"最新", "一手", "新鲜", "当天", "老数据", ""};
  private static final String[] PRICES = {"三毛", "五毛", "三毛五", "一块", "一块五", "2分", "0.5元", "8毛", "5元"};
  private static final String[] EN = {
    "US", "UK", "Chase", "HSBC", "Canada", "Gold", "Platinum", "old"
  };

  /** Seeded synthetic adverts as JSONL lines, mixing the corpus's kinds of text. */
  public static List<String> generate(int n, long seed) {
    Random r = new Random(seed);
    ObjectMapper mapper = new ObjectMapper();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String t = TEMPLATES[r.nextInt(TEMPLATES.length)];
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < t.length(); k++) {
        char c = t.charAt(k);
        if (c != '%' || k + 1 >= t.length()) {
          sb.append(c);
          continue;
        }
        char f = t.charAt(++k);
        sb.append(
            switch (f) {
              case 'B' -> BANKS[r.nextInt(BANKS.length)];
              case 'R' -> REGIONS[r.nextInt(REGIONS.length)];
              case 'C' -> CATS[r.nextInt(CATS.length)];
              case 'T' -> TIERS[r.nextInt(TIERS.length)];
              case 'F' -> FRESH[r.nextInt(FRESH.length)];
              case 'P' -> PRICES[r.nextInt(PRICES.length)];
              case 'E' -> EN[r.nextInt(EN.length)];
              case 'N' -> Integer.toString(1 + r.nextInt(50));
              case 'A' -> Integer.toString(100 + r.nextInt(5000));
              case 'D' -> Integer.toString(1 + r.nextInt(30));
              case 'Q' -> Long.toString(100000000L + r.nextInt(900000000));
              default -> "%" + f;
            });
      }
      ObjectNode o = mapper.createObjectNode();
      if (r.nextBoolean()) {
        o.put("listing_id", "gen-" + i);
      }
      o.put("source", r.nextInt(3) == 0 ? "telegram" : "qq");
      o.put("channel", "group-" + r.nextInt(200));
      o.put("seller", "seller-" + r.nextInt(1000));
      o.put(
          "posted_at",
          String.format(
              "2015-%02d-%02dT%02d:%02d:00",
              1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60)));
      o.put("text", sb.toString().trim());
      out.add(o.toString());
    }
    return out;
  }
}
