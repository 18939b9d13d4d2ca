package org.leakmarket.ingest;

import static org.apache.spark.sql.functions.udf;

import java.io.Serializable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.leakmarket.ingest.samples.SampleManifest;
import org.leakmarket.privacy.Identifiers;
import org.leakmarket.privacy.PseudonymKey;

/**
 * Keyed tokens of seller handles (contracts section 2: the seller is pseudonymised on ingest like
 * any identifier), in the same token domain and normalisation as the sample manifest's sellers, so
 * a seller links across listings and samples. HMAC has no Spark built-in, so this is a UDF; the key
 * travels to executors inside it and is never logged.
 */
public final class SellerTokens implements Serializable {
  private static final long serialVersionUID = 1L;

  private final PseudonymKey key;

  public SellerTokens(PseudonymKey key) {
    this.key = key;
  }

  /** The token of one handle, or null for a blank one. */
  public String token(String handle) {
    if (handle == null || handle.isBlank()) {
      return null;
    }
    return key.token(SampleManifest.SELLER_DOMAIN, Identifiers.text(handle).value());
  }

  public Column column(Column handle) {
    SellerTokens self = this;
    return udf((UDF1<String, String>) self::token, DataTypes.StringType).apply(handle);
  }
}
