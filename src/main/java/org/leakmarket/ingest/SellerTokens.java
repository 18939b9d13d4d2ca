package org.leakmarket.ingest;

import static org.apache.spark.sql.functions.udf;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Keyed tokens of seller handles (contracts section 2: the seller is pseudonymised on ingest
 * like any identifier). HMAC-SHA256 has no Spark built-in, so this is a UDF; the key travels
 * to executors inside it and is never logged.
 */
public final class SellerTokens implements Serializable {
  private static final long serialVersionUID = 1L;

  private final byte[] key;

  public SellerTokens(byte[] key) {
    this.key = key.clone();
  }

  /** The token of one handle, or null for a blank one. Same normalisation as everywhere: NFKC, trimmed, lower case. */
  public String token(String handle) {
    if (handle == null || handle.isBlank()) {
      return null;
    }
    String norm = Normalizer.normalize(handle, Normalizer.Form.NFKC).trim().replaceAll("\\s+", " ")
        .toLowerCase(Locale.ROOT);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] h = mac.doFinal(("seller\u001f" + norm).getBytes(StandardCharsets.UTF_8));
      return "sl_" + HexFormat.of().formatHex(h, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  public Column column(Column handle) {
    SellerTokens self = this;
    UserDefinedFunction f = udf((UDF1<String, String>) self::token, DataTypes.StringType);
    return f.apply(handle);
  }
}
