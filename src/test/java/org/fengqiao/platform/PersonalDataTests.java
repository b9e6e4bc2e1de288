package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PersonalDataTests {

	static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);

	static final String K2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	@Test
	void checksTheIdNumberCheckCharacterAndBirthDate() {
		String first17 = "61082419900101123";
		String valid = first17 + PersonalData.checkCharacter(first17);
		assertThat(PersonalData.isValidIdNumber(valid)).isTrue();
		assertThat(PersonalData.idNumber("610824", java.time.LocalDate.of(1990, 1, 1), 123)).isEqualTo(valid);
		char wrong = valid.charAt(17) == '1' ? '2' : '1';
		assertThat(PersonalData.isValidIdNumber(first17 + wrong)).isFalse();
		assertThat(PersonalData.isValidIdNumber("11010519491231002X")).isTrue();
		assertThat(PersonalData.isValidIdNumber("11010519491231002x")).as("lower-case x is normalised").isTrue();
		assertThat(PersonalData.isValidIdNumber("6108241990010112")).isFalse();
		assertThat(PersonalData.isValidIdNumber("61082419901301123" + PersonalData.checkCharacter("61082419901301123")))
			.as("month 13")
			.isFalse();
	}

	@Test
	void masksIdNumbersAndPhones() {
		assertThat(PersonalData.maskIdNumber("610824199001011234")).isEqualTo("610824********1234");
		assertThat(PersonalData.maskPhone("13812345678")).isEqualTo("138****5678");
		assertThat(PersonalData.maskPhone("+86 138 1234 5678")).isEqualTo("138****5678");
		assertThat(PersonalData.isValidMobile("13812345678")).isTrue();
		assertThat(PersonalData.isValidMobile("12812345678")).isFalse();
		assertThat(PersonalData.isValidMobile("1381234567")).isFalse();
	}

	@Test
	void sealsAndOpensWithTheKeyIdAndRotatesKeys() {
		FieldCipher old = new FieldCipher(Map.of("k1", K1), "k1", K2);
		FieldCipher.Sealed sealed = old.seal("610824199001011234");
		assertThat(sealed.keyId()).isEqualTo("k1");
		assertThat(new String(sealed.value())).doesNotContain("610824");
		assertThat(old.open("k1", sealed.value())).isEqualTo("610824199001011234");
		assertThat(old.seal("610824199001011234").value()).as("a fresh nonce each time").isNotEqualTo(sealed.value());

		FieldCipher rotated = new FieldCipher(Map.of("k1", K1, "k2", K2), "k2", K2);
		assertThat(rotated.open("k1", sealed.value())).as("old values stay readable").isEqualTo("610824199001011234");
		assertThat(rotated.seal("x").keyId()).isEqualTo("k2");
		assertThat(rotated.lookupHash("610824199001011234")).isEqualTo(old.lookupHash("610824199001011234"));
	}

	@Test
	void refusesAlteredValuesAndUnknownKeys() {
		FieldCipher cipher = new FieldCipher(Map.of("k1", K1), "k1", K2);
		byte[] value = cipher.seal("13812345678").value();
		value[value.length - 1] ^= 1;
		assertThatThrownBy(() -> cipher.open("k1", value)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> cipher.open("k9", value)).hasMessageContaining("k9");
		assertThatThrownBy(() -> new FieldCipher(Map.of("k1", "c2hvcnQ="), "k1", K2)).hasMessageContaining("32 bytes");
	}

	@Test
	void namesAreNormalisedForExactLookup() {
		assertThat(PersonalData.normaliseName(" 张 建国\u3000")).isEqualTo("张建国");
		assertThat(PersonalData.normaliseName("阿依古丽•买买提")).isEqualTo(PersonalData.normaliseName("阿依古丽·买买提"));
		assertThat(PersonalData.normaliseName("Ｊｏｈｎ smith")).isEqualTo("JOHNSMITH");
		assertThat(PersonalData.normaliseName("张建国")).isNotEqualTo(PersonalData.normaliseName("张建"));
	}

}
