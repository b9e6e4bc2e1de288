package org.fengqiao.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The audit key ({@code fengqiao.audit.key}, at least 32 random bytes, base64): keys the
 * audit chain and signs its checkpoints. It lives in the application's configuration
 * only; the database never holds it, so whoever can change the database cannot recompute
 * the chain.
 */
final class AuditKey {

	private final SecretKeySpec key;

	AuditKey(String base64) {
		if (base64 == null || base64.isBlank()) {
			throw new IllegalStateException(
					"Configure fengqiao.audit.key (32 random bytes, base64): it keys the audit chain");
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException("fengqiao.audit.key is not base64", e);
		}
		if (bytes.length < 32) {
			throw new IllegalStateException(
					"fengqiao.audit.key must be at least 32 bytes (base64), not " + bytes.length);
		}
		this.key = new SecretKeySpec(bytes, "HmacSHA256");
	}

	/** HMAC-SHA256 over the parts joined by the unit separator, as lower-case hex. */
	String mac(String... parts) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return HexFormat.of().formatHex(mac.doFinal(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

}
