package org.leakmarket.normalize;

import java.io.Serializable;
import java.util.Arrays;

/**
 * All vocabulary terms in one character trie, so an advert is scanned once, left to right, trying
 * every term at every position at the cost of a walk as deep as the longest term there. The root is
 * a direct array indexed by the first character; deeper levels are small sorted arrays searched by
 * bisection. Built once per {@link Vocabulary}; read-only afterwards.
 */
final class TermTrie implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final char[] NO_KEYS = new char[0];
  private static final Node[] NO_KIDS = new Node[0];

  static final class Node implements Serializable {
    private static final long serialVersionUID = 1L;
    char[] keys = NO_KEYS;
    Node[] kids = NO_KIDS;
    Vocabulary.Meaning[] meanings;

    /** Bit {@code 1 << kind.ordinal()} of each kind among {@link #meanings}. */
    int kinds;

    /** The flags of all {@link #meanings} or-ed: whether any of them needs a context check. */
    int anyFlags;

    /** The one child's key and node when there is exactly one (most nodes deep in a term). */
    char onlyKey;

    Node only;

    Node child(char c) {
      if (only != null) {
        return onlyKey == c ? only : null;
      }
      char[] k = keys;
      if (k.length <= 8) {
        // most nodes have one or two children: a scan beats bisection
        for (int i = 0; i < k.length; i++) {
          if (k[i] == c) {
            return kids[i];
          }
        }
        return null;
      }
      int i = Arrays.binarySearch(k, c);
      return i >= 0 ? kids[i] : null;
    }

    Node childOrNew(char c) {
      int i = Arrays.binarySearch(keys, c);
      if (i >= 0) {
        return kids[i];
      }
      int at = -i - 1;
      char[] k = new char[keys.length + 1];
      Node[] n = new Node[kids.length + 1];
      System.arraycopy(keys, 0, k, 0, at);
      System.arraycopy(kids, 0, n, 0, at);
      k[at] = c;
      n[at] = new Node();
      System.arraycopy(keys, at, k, at + 1, keys.length - at);
      System.arraycopy(kids, at, n, at + 1, kids.length - at);
      keys = k;
      kids = n;
      only = n.length == 1 ? n[0] : null;
      onlyKey = n.length == 1 ? c : 0;
      return n[at];
    }
  }

  private final Node[] root = new Node[Character.MAX_VALUE + 1];

  /** Characters that start a term: an 8 KB filter in front of the 256 KB root (cache-friendly). */
  private final long[] starts = new long[(Character.MAX_VALUE + 1) / 64];

  /** Adds a term (already normalised: simplified, half-width, lower-case) with one meaning. */
  void add(String term, Vocabulary.Meaning m) {
    if (term.isEmpty()) {
      return;
    }
    char first = term.charAt(0);
    Node n = root[first];
    if (n == null) {
      n = new Node();
      root[first] = n;
      starts[first >>> 6] |= 1L << first;
    }
    for (int i = 1; i < term.length(); i++) {
      n = n.childOrNew(term.charAt(i));
    }
    if (n.meanings == null) {
      n.meanings = new Vocabulary.Meaning[] {m};
    } else {
      Vocabulary.Meaning[] a = Arrays.copyOf(n.meanings, n.meanings.length + 1);
      a[a.length - 1] = m;
      n.meanings = a;
    }
    n.kinds |= 1 << m.kind().ordinal();
    n.anyFlags |= m.flags();
  }

  /**
   * Every term ending point starting at {@code from}, longest first, written to {@code ends} and
   * {@code nodes}; returns how many. English terms must start and end at a word boundary.
   */
  int matches(char[] text, int from, int[] ends, Node[] nodes) {
    char c0 = text[from];
    if ((starts[c0 >>> 6] & (1L << c0)) == 0) {
      return 0;
    }
    Node n = root[c0];
    if (n == null) {
      return 0;
    }
    if (isAsciiLetter(text[from]) && from > 0 && isAsciiLetter(text[from - 1])) {
      return 0;
    }
    int count = 0;
    int i = from;
    while (true) {
      if (n.meanings != null) {
        int end = i + 1;
        // a word ends where a letter is not followed by a letter, nor a digit by a digit
        // (cvv2 is not in CVV20)
        boolean boundaryOk =
            end >= text.length
                || !(isAsciiLetter(text[i]) && isAsciiLetter(text[end])
                    || isDigit(text[i]) && isDigit(text[end]));
        if (boundaryOk && count < ends.length) {
          ends[count] = end;
          nodes[count] = n;
          count++;
        }
      }
      i++;
      if (i >= text.length) {
        break;
      }
      n = n.child(text[i]);
      if (n == null) {
        break;
      }
    }
    // longest first
    for (int a = 0, b = count - 1; a < b; a++, b--) {
      int e = ends[a];
      ends[a] = ends[b];
      ends[b] = e;
      Node t = nodes[a];
      nodes[a] = nodes[b];
      nodes[b] = t;
    }
    return count;
  }

  /** The node of the terms that start with {@code c} (already normalised), or null. */
  Node root(char c) {
    return root[c];
  }

  /** The meanings of exactly this normalised term, or null. */
  Vocabulary.Meaning[] exact(String term) {
    if (term.isEmpty()) {
      return null;
    }
    Node n = root[term.charAt(0)];
    for (int i = 1; n != null && i < term.length(); i++) {
      n = n.child(term.charAt(i));
    }
    return n == null ? null : n.meanings;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiLetter(char c) {
    int l = (c | 0x20) - 'a'; // folds A-Z onto a-z; no other character lands in 0..25
    return l >= 0 && l < 26;
  }
}
