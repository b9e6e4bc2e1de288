package org.fengqiao.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts personal data fields (ID numbers, phone numbers) at rest with AES-256-GCM, and
 * gives each value a keyed hash (HMAC-SHA256) so it can be looked up exactly without
 * being decrypted.
 *
 * <p>
 * Every sealed value carries the id of the key that sealed it, so keys can rotate: new
 * values use the current key, old values stay readable while their key is configured.
 * Keys come from configuration ({@code fengqiao.crypto.keys.<id>=<base64 of 32 bytes>},
 * {@code fengqiao.crypto.current-key}, {@code fengqiao.crypto.hash-key}).
 */
public final class FieldCipher {

	/**
	 * A sealed value: the key id and the 12-byte nonce followed by the ciphertext and its
	 * tag.
	 */
	public record Sealed(String keyId, byte[] value) {
	}

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

	private final String currentKeyId;

	private final SecretKeySpec hashKey;

	private final SecureRandom random = new SecureRandom();

	public FieldCipher(Map<String, String> base64Keys, String currentKeyId, String base64HashKey) {
		base64Keys.forEach((id, key) -> keys.put(id, new SecretKeySpec(decode(id, key), "AES")));
		if (!keys.containsKey(currentKeyId)) {
			throw new IllegalArgumentException("fengqiao.crypto.current-key names no configured key: " + currentKeyId);
		}
		this.currentKeyId = currentKeyId;
		this.hashKey = new SecretKeySpec(decode("hash-key", base64HashKey), "HmacSHA256");
	}

	public String currentKeyId() {
		return currentKeyId;
	}

	public Sealed seal(String plaintext) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(currentKeyId.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return new Sealed(currentKeyId,
					ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Could not encrypt", e);
		}
	}

	public String open(String keyId, byte[] value) {
		SecretKeySpec key = keys.get(keyId);
		if (key == null) {
			throw new IllegalStateException("The key " + keyId + " that sealed this value is not configured");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, value, 0, NONCE_BYTES));
			cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(value, NONCE_BYTES, value.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Could not decrypt: the value or its key id was altered", e);
		}
	}

	/**
	 * The keyed hash used for exact lookup; callers normalise the value first (upper
	 * case, no spaces).
	 */
	public String lookupHash(String normalised) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(hashKey);
			return HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	private static byte[] decode(String id, String base64) {
		byte[] key = Base64.getDecoder().decode(base64.strip());
		if (key.length != 32) {
			throw new IllegalArgumentException("Key " + id + " must be 32 bytes (base64), not " + key.length);
		}
		return key;
	}

}
