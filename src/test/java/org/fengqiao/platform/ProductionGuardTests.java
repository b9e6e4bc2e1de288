package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The production guard's configuration checks, without a database (issue #9 finding 13).
 */
class ProductionGuardTests {

	/** The values published in src/main/resources/application.properties. */
	static final String DEMO_KEY = "Puo0PI7ZG8WUg2VhXG1oz9tHF4hvX54w/aYJ4tlV58w=";

	static final String DEMO_HASH_KEY = "hUvfIWYh7wwN4lKEcPg8Q+SYYB5kUzqyWGjuAw0GuDk=";

	static final String DEMO_AUDIT_KEY = "0q13oomXnvQL2of5/SP/QSOvNTqwO7RVDhy2TLQOx/A=";

	static String freshKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	static MockEnvironment production(String currentId, String currentKey, String hashKey) {
		MockEnvironment prod = new MockEnvironment();
		prod.setActiveProfiles("prod");
		prod.setProperty("fengqiao.demo.enabled", "false");
		prod.setProperty("fengqiao.crypto.current-key", currentId);
		prod.setProperty("fengqiao.crypto.keys." + currentId, currentKey);
		prod.setProperty("fengqiao.crypto.hash-key", hashKey);
		return prod;
	}

	static void check(MockEnvironment environment) {
		new ProductionGuard(environment, null).checkConfiguration();
	}

	@Test
	void ownKeysPass() {
		assertThatCode(() -> check(production("county-2027", freshKey(), freshKey()))).doesNotThrowAnyException();
	}

	@Test
	void thePublishedDemoHashKeyIsRefused() {
		assertThatThrownBy(() -> check(production("county-2027", freshKey(), DEMO_HASH_KEY)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("hash key");
		// Written another way (URL alphabet, no padding, spaces) it is still the same
		// key.
		String disguised = " " + DEMO_HASH_KEY.replace('+', '-').replace('/', '_').replace("=", "") + " ";
		assertThatThrownBy(() -> check(production("county-2027", freshKey(), disguised)))
			.hasMessageContaining("hash key");
	}

	@Test
	void thePublishedDemoEncryptionKeyIsRefusedUnderAnyId() {
		assertThatThrownBy(() -> check(production("county-2027", DEMO_KEY, freshKey())))
			.hasMessageContaining("current encryption key");
		assertThatThrownBy(() -> check(production("demo-2", freshKey(), freshKey())))
			.hasMessageContaining("current encryption key");
		assertThatThrownBy(() -> check(production("county-2027", DEMO_KEY, DEMO_HASH_KEY)))
			.hasMessageContaining("current encryption key")
			.hasMessageContaining("hash key");
	}

	@Test
	void thePublishedAuditKeyIsRefused() {
		MockEnvironment prod = production("county-2027", freshKey(), freshKey());
		prod.setProperty("fengqiao.audit.key", DEMO_AUDIT_KEY);
		assertThatThrownBy(() -> check(prod)).hasMessageContaining("audit key");
		prod.setProperty("fengqiao.audit.key", freshKey());
		assertThatCode(() -> check(prod)).doesNotThrowAnyException();
	}

	@Test
	void theDemoDataSetIsRefused() {
		MockEnvironment demo = production("county-2027", freshKey(), freshKey());
		demo.setProperty("fengqiao.demo.enabled", "true");
		assertThatThrownBy(() -> check(demo)).hasMessageContaining("fengqiao.demo.enabled");
	}

	@Test
	void theGuardKnowsThePublishedValuesFromTheShippedProperties() {
		org.assertj.core.api.Assertions.assertThat(ProductionGuard.publishedKeys())
			.anyMatch(k -> java.util.Arrays.equals(k, Base64.getDecoder().decode(DEMO_HASH_KEY)))
			.anyMatch(k -> java.util.Arrays.equals(k, Base64.getDecoder().decode(DEMO_KEY)));
	}

}
