package org.fengqiao.mediation;

import java.util.function.UnaryOperator;

import org.fengqiao.platform.FieldCipher;
import org.fengqiao.platform.PersonalData;

/**
 * A party's ID number or phone as stored: sealed under a key, a keyed hash for exact
 * lookup and a mask for display; all {@code null} when there is none. One rule for
 * parties registered today and for case history loaded in bulk.
 */
record SealedContact(String keyId, byte[] sealed, String hash, String masked) {

	static final SealedContact NONE = new SealedContact(null, null, null, null);

	static SealedContact idNumber(FieldCipher cipher, String idNumber) {
		return of(cipher, idNumber, PersonalData::normaliseIdNumber, PersonalData::maskIdNumber);
	}

	static SealedContact phone(FieldCipher cipher, String phone) {
		return of(cipher, phone, PersonalData::normalisePhone, PersonalData::maskPhone);
	}

	private static SealedContact of(FieldCipher cipher, String value, UnaryOperator<String> normalise,
			UnaryOperator<String> mask) {
		if (value == null || value.isBlank()) {
			return NONE;
		}
		String n = normalise.apply(value);
		FieldCipher.Sealed s = cipher.seal(n);
		return new SealedContact(s.keyId(), s.value(), cipher.lookupHash(n), mask.apply(n));
	}

}
