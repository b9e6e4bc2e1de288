package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.Test;

/**
 * The password policy without Spring (issue #9 finding 4: common passwords and bcrypt's
 * 72-byte limit).
 */
class PasswordPolicyTests {

	final AccountSecurity policy = new AccountSecurity(null, Clock.systemUTC(),
			new AccountSecurity.Settings(null, null, null, null, null, null));

	@Test
	void commonPasswordsAreRefusedWhateverTheirCaseDigitsAndLookAlikes() {
		for (String common : new String[] { "Password123", "Passw0rd!", "Qwerty12345", "PASSWORD123", "qWeRtY12345!",
				"P@ssw0rd2026", "2026Password!", "Iloveyou520", "Woaini1314!", "Fengqiao-2026" }) {
			assertThat(policy.passwordProblems("someone", common)).as(common).isNotEmpty();
		}
		assertThat(policy.passwordProblems("someone", "Password123")).anyMatch(p -> p.contains("too common"));
		assertThat(policy.passwordProblems("someone", "Qwerty12345")).anyMatch(p -> p.contains("too common"));
		assertThat(policy.passwordProblems("someone", "Passw0rd!2026"))
			.containsExactly("too common: it is on the list of passwords tried first");
	}

	@Test
	void thePasswordMustNotContainTheUserName() {
		assertThat(policy.passwordProblems("worker1", "My-WORKER1-pass")).contains("must not contain the user name");
		assertThat(policy.passwordProblems("worker1", "Worker1Password123")).contains("must not contain the user name");
	}

	@Test
	void aPasswordOverSeventyTwoBytesIsRefusedWithAReason() {
		String ascii72 = "Qiao#2026-" + "x".repeat(62);
		assertThat(ascii72.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(72);
		assertThat(policy.passwordProblems("someone", ascii72)).isEmpty();
		assertThat(policy.passwordProblems("someone", ascii72 + "y")).singleElement()
			.asString()
			.contains("at most 72 bytes");
		// 25 Chinese characters are 75 bytes in UTF-8.
		assertThat(policy.passwordProblems("someone", "Aa1#" + "枫".repeat(25))).singleElement()
			.asString()
			.contains("at most 72 bytes");
	}

	@Test
	void strongPasswordsPass() {
		assertThat(policy.passwordProblems("someone", "Qiao#2026-strong")).isEmpty();
		assertThat(policy.passwordProblems("someone", "Mediate-2026-ok")).isEmpty();
		assertThat(policy.passwordProblems("someone", "Tr4m-Lantern-Odd7")).isEmpty();
	}

}
