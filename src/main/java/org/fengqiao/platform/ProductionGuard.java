package org.fengqiao.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a production profile with anything published: the demo data set, any
 * demo account (all of which share a published password), and any published demo key. A
 * key counts as published when its value is one of the values in the
 * application.properties shipped with the application (whatever id it is configured
 * under), or its id starts with "demo": the current encryption key would seal personal
 * data that anyone could open, and the hash key would let anyone reverse the phone and ID
 * number hashes by enumerating the possible numbers.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProductionGuard implements ApplicationRunner {

	private final Environment environment;

	private final JdbcClient jdbc;

	ProductionGuard(Environment environment, JdbcClient jdbc) {
		this.environment = environment;
		this.jdbc = jdbc;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
			return;
		}
		checkConfiguration();
		int demoAccounts = jdbc.sql("select count(*) from account where demo").query(Integer.class).single();
		if (demoAccounts > 0) {
			throw new IllegalStateException("The prod profile is active but the database holds " + demoAccounts
					+ " demo account(s) with the published demo password; delete them before starting in production");
		}
	}

	/** The checks on configuration alone (no database): demo data and published keys. */
	void checkConfiguration() {
		if (environment.getProperty("fengqiao.demo.enabled", Boolean.class, false)) {
			throw new IllegalStateException(
					"The prod profile is active but fengqiao.demo.enabled=true: demo accounts are not allowed in production");
		}
		List<byte[]> published = publishedKeys();
		List<String> refused = new ArrayList<>();
		String currentId = environment.getProperty("fengqiao.crypto.current-key", "");
		Map<String, String> keys = Binder.get(environment)
			.bind("fengqiao.crypto.keys", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		if (currentId.startsWith("demo") || isPublished(keys.get(currentId), published)) {
			refused.add("the current encryption key (fengqiao.crypto.current-key=" + currentId + ")");
		}
		if (isPublished(environment.getProperty("fengqiao.crypto.hash-key"), published)) {
			refused.add("the hash key (fengqiao.crypto.hash-key)");
		}
		if (isPublished(environment.getProperty("fengqiao.audit.key"), published)) {
			refused.add("the audit key (fengqiao.audit.key)");
		}
		if (!refused.isEmpty()) {
			throw new IllegalStateException("The prod profile is active but " + String.join(" and ", refused)
					+ " is a published demo key: configure fengqiao.crypto.keys.<id>, current-key, hash-key and fengqiao.audit.key with "
					+ "32 random bytes each (base64), e.g. from `openssl rand -base64 32`");
		}
	}

	/**
	 * The key values published in the application.properties shipped with the
	 * application.
	 */
	static List<byte[]> publishedKeys() {
		Properties shipped;
		try {
			shipped = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		List<byte[]> keys = new ArrayList<>();
		for (String name : shipped.stringPropertyNames()) {
			if (name.startsWith("fengqiao.crypto.keys.") || name.equals("fengqiao.crypto.hash-key")
					|| name.equals("fengqiao.audit.key")) {
				keys.add(bytes(shipped.getProperty(name)));
			}
		}
		return keys;
	}

	/**
	 * Compares decoded bytes, so the same key written another way (padding, spaces, URL
	 * alphabet) is found too.
	 */
	private static boolean isPublished(String key, List<byte[]> published) {
		if (key == null || key.isBlank()) {
			return false;
		}
		byte[] value = bytes(key);
		return published.stream().anyMatch(p -> p.length > 0 && Arrays.equals(p, value));
	}

	private static byte[] bytes(String base64) {
		String text = base64.strip().replace('-', '+').replace('_', '/').replace("=", "");
		try {
			return Base64.getDecoder().decode(text + "=".repeat((4 - text.length() % 4) % 4));
		}
		catch (IllegalArgumentException e) {
			return new byte[0];
		}
	}

}
