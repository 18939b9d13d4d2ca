package org.leakmarket.stats.population;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A hierarchical Poisson log-linear model for t lists with main effects and a chosen set of two-way
 * interactions: {@code log μ = α0 + Σ αj xj + Σ αjk xj xk}.
 *
 * <p>Named in the usual generator notation with 1-based list numbers: {@code [1,2,3]} is
 * independence, {@code [12,3]} has the 1–2 interaction, {@code [12,23]} two interactions, and a
 * list not in any interaction appears alone. From 10 lists on, list numbers have more than one
 * digit, so the members of an interaction are joined with ':' ({@code [1:12,3,...]}). The label
 * form writes list labels instead, joined with '*' ({@code [s-2015-001*s-2015-002, s-2015-003]}).
 * Pure value object; no cost.
 *
 * @param lists number of lists t
 * @param interactions two-way interactions as 0-based list pairs, sorted, no duplicates
 */
public record LogLinearModel(int lists, List<Pair> interactions) {

  /** A two-way interaction between lists {@code a} and {@code b} (0-based, a &lt; b). */
  public record Pair(int a, int b) implements Comparable<Pair> {
    public Pair {
      if (a < 0 || b <= a) {
        throw new IllegalArgumentException("interaction needs 0 <= a < b, was: " + a + "," + b);
      }
    }

    @Override
    public int compareTo(Pair o) {
      return a != o.a ? Integer.compare(a, o.a) : Integer.compare(b, o.b);
    }
  }

  public LogLinearModel {
    if (lists < 1) {
      throw new IllegalArgumentException("lists must be >= 1, was: " + lists);
    }
    Objects.requireNonNull(interactions, "interactions");
    TreeSet<Pair> sorted = new TreeSet<>(interactions);
    for (Pair p : sorted) {
      if (p.b() >= lists) {
        throw new IllegalArgumentException(
            "interaction " + (p.a() + 1) + "-" + (p.b() + 1) + " refers to a list beyond " + lists);
      }
    }
    interactions = List.copyOf(sorted);
  }

  /** The independence model [1,2,...,t]. */
  public static LogLinearModel independence(int lists) {
    return new LogLinearModel(lists, List.of());
  }

  /** Every two-way pair of t lists, in order 12, 13, ..., 23, ... */
  public static List<Pair> allPairs(int lists) {
    List<Pair> pairs = new ArrayList<>();
    for (int a = 0; a < lists; a++) {
      for (int b = a + 1; b < lists; b++) {
        pairs.add(new Pair(a, b));
      }
    }
    return pairs;
  }

  /**
   * Parses the generator notation, e.g. {@code "[12,3]"}, {@code "[12,23]"}, {@code "[1:12,3]"}.
   * Terms of more than two lists are rejected: only two-way models are supported.
   */
  public static LogLinearModel parse(String name, int lists) {
    String s = name.trim();
    if (!s.startsWith("[") || !s.endsWith("]")) {
      throw new IllegalArgumentException("model name must look like [12,3], was: " + name);
    }
    List<Pair> pairs = new ArrayList<>();
    for (String term : s.substring(1, s.length() - 1).split(",")) {
      String tt = term.trim();
      List<Integer> members = new ArrayList<>();
      if (tt.contains(":")) {
        for (String part : tt.split(":")) {
          members.add(Integer.parseInt(part.trim()) - 1);
        }
      } else if (lists >= 10) {
        // From 10 lists on, name() writes a main effect as its whole number ("10"), never digits.
        try {
          members.add(Integer.parseInt(tt) - 1);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("bad term '" + tt + "' in model name: " + name);
        }
      } else {
        for (char c : tt.toCharArray()) {
          if (c < '1' || c > '9') {
            throw new IllegalArgumentException("bad term '" + tt + "' in model name: " + name);
          }
          members.add(c - '1');
        }
      }
      if (members.size() > 2 || members.isEmpty()) {
        throw new IllegalArgumentException(
            "only main effects and two-way terms are supported, got '" + tt + "' in " + name);
      }
      for (int m : members) {
        if (m < 0 || m >= lists) {
          throw new IllegalArgumentException("list " + (m + 1) + " out of range in " + name);
        }
      }
      if (members.size() == 2) {
        int a = Math.min(members.get(0), members.get(1));
        int b = Math.max(members.get(0), members.get(1));
        pairs.add(new Pair(a, b));
      }
    }
    return new LogLinearModel(lists, pairs);
  }

  /** Number of parameters: intercept, t main effects, one per interaction. */
  public int parameterCount() {
    return 1 + lists + interactions.size();
  }

  public boolean has(Pair p) {
    return interactions.contains(p);
  }

  /** This model with one interaction added (or the same model when already present). */
  public LogLinearModel with(Pair p) {
    List<Pair> ps = new ArrayList<>(interactions);
    ps.add(p);
    return new LogLinearModel(lists, ps);
  }

  /** This model with one interaction removed. */
  public LogLinearModel without(Pair p) {
    List<Pair> ps = new ArrayList<>(interactions);
    ps.remove(p);
    return new LogLinearModel(lists, ps);
  }

  /** Generator notation with list numbers, e.g. {@code [12,3]}. */
  public String name() {
    String sep = lists >= 10 ? ":" : "";
    List<String> terms = new ArrayList<>();
    for (int[] term : generators()) {
      if (term.length == 1) {
        terms.add(Integer.toString(term[0] + 1));
      } else {
        terms.add((term[0] + 1) + sep + (term[1] + 1));
      }
    }
    return "[" + String.join(",", terms) + "]";
  }

  /** Generator notation with list labels, e.g. {@code [s-1*s-2, s-3]}. */
  public String labelName(List<String> labels) {
    if (labels.size() != lists) {
      throw new IllegalArgumentException(
          "model has " + lists + " lists but " + labels.size() + " labels were given");
    }
    List<String> terms = new ArrayList<>();
    for (int[] term : generators()) {
      if (term.length == 1) {
        terms.add(labels.get(term[0]));
      } else {
        terms.add(labels.get(term[0]) + "*" + labels.get(term[1]));
      }
    }
    return "[" + String.join(", ", terms) + "]";
  }

  /** Interactions and the lists in none, ordered by first list then second. */
  private List<int[]> generators() {
    boolean[] covered = new boolean[lists];
    List<int[]> terms = new ArrayList<>();
    for (Pair p : interactions) {
      covered[p.a()] = true;
      covered[p.b()] = true;
      terms.add(new int[] {p.a(), p.b()});
    }
    for (int j = 0; j < lists; j++) {
      if (!covered[j]) {
        terms.add(new int[] {j});
      }
    }
    terms.sort(
        Comparator.<int[]>comparingInt(x -> x[0]).thenComparingInt(x -> x.length == 1 ? -1 : x[1]));
    return terms;
  }

  @Override
  public String toString() {
    return name();
  }
}
