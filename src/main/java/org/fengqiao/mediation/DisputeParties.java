package org.fengqiao.mediation;

import java.util.UUID;

import org.fengqiao.platform.FieldCipher;
import org.fengqiao.platform.PersonalData;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static org.fengqiao.mediation.DisputeInput.invalid;

/**
 * The parties to a dispute: checked and sealed as entered (their ID and phone numbers
 * sealed with the field cipher, masked for reading), at registration or later, when the
 * mediator learns who they are (a dispute from a whistle arrives without parties).
 */
@Service
class DisputeParties {

	/** A party as entered. */
	record PartyInput(String side, String kind, String name, String idNumber, String phone, String villageCode,
			String address) {
	}

	/** At most this many parties; the rest go into the description. */
	static final int MAX_PARTIES = 50;

	private final DisputeChanges changes;

	private final Disputes disputes;

	private final FieldCipher cipher;

	DisputeParties(DisputeChanges changes, Disputes disputes, FieldCipher cipher) {
		this.changes = changes;
		this.disputes = disputes;
		this.cipher = cipher;
	}

	/** Adds a party found later (a dispute from a whistle arrives without parties). */
	@Transactional
	void addParty(UUID id, PartyInput party, DisputeChanges.Actor by) {
		changes.change(id, by, DisputeAction.PARTY, (c) -> {
			if (party == null) {
				throw invalid("bad-party", "Send the party as JSON");
			}
			int index = disputes.parties(id).size();
			if (index >= MAX_PARTIES) {
				throw invalid("too-many-parties", "At most 50 parties");
			}
			Disputes.NewParty sealed = seal(party, index);
			disputes.insertParty(id, sealed);
			// The move names the party by side and number, not by name: names are sealed,
			// the history is not.
			c.dispute()
				.note(DisputeAction.PARTY.word(), DisputeAction.PARTY, c.actor(), c.now(),
						sealed.side() + " " + (index + 1));
		});
	}

	/** Checks a party as entered (the {@code index}th) and seals its numbers. */
	Disputes.NewParty seal(PartyInput p, int index) {
		String where = "Party " + (index + 1) + ": ";
		if (p == null) {
			throw invalid("bad-party", where + "missing");
		}
		String side = p.side() == null ? (index == 0 ? "APPLICANT" : "RESPONDENT") : p.side().strip().toUpperCase();
		if (!side.equals("APPLICANT") && !side.equals("RESPONDENT")) {
			throw invalid("bad-party", where + "side is APPLICANT or RESPONDENT");
		}
		String kind = p.kind() == null ? "PERSON" : p.kind().strip().toUpperCase();
		if (!kind.equals("PERSON") && !kind.equals("ORGANISATION")) {
			throw invalid("bad-party", where + "kind is PERSON or ORGANISATION");
		}
		String name = p.name() == null ? "" : p.name().strip();
		if (name.isEmpty() || name.length() > 100) {
			throw invalid("bad-party", where + "a name of 1 to 100 characters is needed");
		}
		if (p.idNumber() != null && !p.idNumber().isBlank()
				&& (!kind.equals("PERSON") || !PersonalData.isValidIdNumber(p.idNumber()))) {
			throw invalid("invalid-id-number",
					where + "the resident ID number is not valid (length, birth date or check digit)");
		}
		if (p.phone() != null && !p.phone().isBlank() && !PersonalData.isValidMobile(p.phone())) {
			throw invalid("invalid-phone", where + "the mobile number is not valid");
		}
		SealedContact id = SealedContact.idNumber(cipher, p.idNumber());
		SealedContact phone = SealedContact.phone(cipher, p.phone());
		String village = p.villageCode() == null || p.villageCode().isBlank() ? null : p.villageCode().strip();
		String partyKey = Disputes.partyKey(cipher, id.hash(), kind, name, village);
		String address = p.address() == null || p.address().isBlank() ? null : p.address().strip();
		if (address != null && address.length() > 200) {
			throw invalid("bad-party", where + "the address has at most 200 characters");
		}
		return new Disputes.NewParty(side, kind, name, id.keyId(), id.sealed(), id.hash(), id.masked(), phone.keyId(),
				phone.sealed(), phone.hash(), phone.masked(), village, address, partyKey);
	}

}
