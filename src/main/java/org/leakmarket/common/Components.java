package org.leakmarket.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Connected components of a small graph held on the driver, each labelled by its smallest member in
 * UTF-8 byte order: Spark's string order, so a label here is the one the Spark rounds of min-label
 * propagation reach (copy groups, persons). Union-find with path halving; the smaller root always
 * becomes the parent, so every root is its component's smallest member.
 */
public final class Components {
  private final Map<String, String> parent = new LinkedHashMap<>();

  /** Adds {@code node} as its own component if it is new; returns its component's label. */
  public String add(String node) {
    String p = parent.putIfAbsent(node, node);
    if (p == null) {
      return node;
    }
    String n = node;
    while (!p.equals(n)) {
      String gp = parent.get(p);
      parent.put(n, gp);
      n = gp;
      p = parent.get(n);
    }
    return n;
  }

  /** Joins the components of {@code a} and {@code b} (each added if new). */
  public void union(String a, String b) {
    String ra = add(a);
    String rb = add(b);
    int c = utf8Compare(ra, rb);
    if (c < 0) {
      parent.put(rb, ra);
    } else if (c > 0) {
      parent.put(ra, rb);
    }
  }

  /** The nodes added so far, in the order they were first added. */
  public Set<String> nodes() {
    return parent.keySet();
  }

  /**
   * Compares two strings by their UTF-8 bytes, which is their code points' order (Java's {@code
   * compareTo} compares UTF-16 units and puts U+E000–U+FFFF after the supplementary planes).
   */
  public static int utf8Compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
