package org.fengqiao.platform;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The field cipher from configuration: {@code fengqiao.crypto.keys.<id>}, current key and
 * hash key; and the audit log's key and checkpoint file ({@code fengqiao.audit.*}), whose
 * checkpoints are taken on a schedule.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ CryptoConfiguration.Settings.class, AuditLog.Settings.class })
@EnableScheduling
class CryptoConfiguration {

	@ConfigurationProperties("fengqiao.crypto")
	record Settings(Map<String, String> keys, String currentKey, String hashKey) {
	}

	@Bean
	FieldCipher fieldCipher(Settings settings) {
		if (settings.keys() == null || settings.keys().isEmpty() || settings.hashKey() == null) {
			throw new IllegalStateException("Configure fengqiao.crypto.keys.<id>, fengqiao.crypto.current-key and "
					+ "fengqiao.crypto.hash-key (32 random bytes each, base64) to protect personal data");
		}
		return new FieldCipher(settings.keys(), settings.currentKey(), settings.hashKey());
	}

}
