package org.fengqiao.mediation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.fengqiao.platform.DomainException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dispute's own rules, on the plain object: each invariant the aggregate (or its
 * judicial confirmation) enforces without a caller having to check it first.
 */
class DisputeTests {

	static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

	static final Instant DUE = T0.plusSeconds(30L * 24 * 3600);

	static Dispute registered(Rung rung) {
		return Dispute.register(UUID.randomUUID(), "worker1", T0, rung, "BODY-1", DUE, RiskColour.YELLOW, false,
				"本村（组）可调");
	}

	static Dispute mediating(Rung rung) {
		Dispute d = registered(rung);
		d.assign("mediator1", T0, "王调解");
		return d;
	}

	static void assertRefused(Runnable change, DomainException.Kind kind, String type, String state) {
		assertThatThrownBy(change::run).isInstanceOfSatisfying(DomainException.class, (e) -> {
			assertThat(e.kind()).isEqualTo(kind);
			assertThat(e.type()).isEqualTo(type);
			assertThat(e.properties()).containsEntry("state", state);
		});
	}

	@Test
	void anAgreementNeedsASessionHeldOnItsRung() {
		Dispute d = mediating(Rung.VILLAGE_CENTRE);
		assertRefused(() -> d.agree("mediator1", T0, true, 0, 2, "书面调解协议"), DomainException.Kind.CONFLICT, "no-session",
				"MEDIATING");
		assertThat(d.state()).isEqualTo(Dispute.State.MEDIATING);
		d.agree("mediator1", T0, true, 1, 2, "书面调解协议");
		assertThat(d.state()).isEqualTo(Dispute.State.AGREED);
		assertThat(d.outcome()).isEqualTo(Dispute.Outcome.AGREEMENT_WRITTEN);
		assertThat(d.agreedAt()).isEqualTo(T0);
	}

	@Test
	void aWrittenAgreementNamesTwoPartiesAnOralOneNeedNot() {
		Dispute written = mediating(Rung.VILLAGE_CENTRE);
		assertRefused(() -> written.agree("mediator1", T0, true, 1, 1, "书面调解协议"), DomainException.Kind.CONFLICT,
				"missing-parties", "MEDIATING");
		Dispute oral = mediating(Rung.VILLAGE_CENTRE);
		oral.agree("mediator1", T0, false, 1, 0, "口头调解协议");
		assertThat(oral.outcome()).isEqualTo(Dispute.Outcome.AGREEMENT_ORAL);
	}

	@Test
	void noAgreementBeforeMediationStarts() {
		Dispute d = registered(Rung.VILLAGE_CENTRE);
		assertThatThrownBy(() -> d.agree("command", T0, true, 3, 2, "书面调解协议"))
			.isInstanceOfSatisfying(Dispute.IllegalTransition.class, (e) -> {
				assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
				assertThat(e.type()).isEqualTo("illegal-transition");
				assertThat(e.properties()).containsEntry("state", "REGISTERED");
			});
	}

	@Test
	void onlyCourtDelegatedMediationIsExtendedAndOnlyOnce() {
		Dispute d = mediating(Rung.VILLAGE_CENTRE);
		Instant later = DUE.plusSeconds(30L * 24 * 3600);
		assertRefused(() -> d.extend("command", T0, false, false, later, "x"), DomainException.Kind.CONFLICT,
				"not-extendable", "MEDIATING");
		assertRefused(() -> d.extend("command", T0, true, true, later, "x"), DomainException.Kind.CONFLICT,
				"already-extended", "MEDIATING");
		assertThat(d.rungDue()).isEqualTo(DUE);
		d.extend("command", T0, true, false, later, "法院同意延长");
		assertThat(d.rungDue()).isEqualTo(later);
		assertThat(d.recorded()).last().extracting(Dispute.Move::action).isEqualTo("extend");
	}

	@Test
	void theCountyIsTheTopRung() {
		Dispute d = mediating(Rung.COUNTY);
		assertRefused(d::nextRung, DomainException.Kind.CONFLICT, "top-rung", "MEDIATING");
		assertRefused(() -> d.failAndEscalate("command", T0, null, DUE, "不成"), DomainException.Kind.CONFLICT,
				"top-rung", "MEDIATING");
		assertThat(mediating(Rung.TOWN_COMMITTEE).nextRung()).isEqualTo(Rung.COUNTY);
	}

	@Test
	void failingClimbsOneRungAndWaitsForTheNewBodysMediators() {
		Dispute d = mediating(Rung.VILLAGE_CENTRE);
		Instant now = T0.plusSeconds(3600);
		d.failAndEscalate("mediator1", now, "TOWN-1", now.plusSeconds(60), "村级调解不成");
		assertThat(d.rung()).isEqualTo(Rung.TOWN_COMMITTEE);
		assertThat(d.state()).isEqualTo(Dispute.State.REGISTERED);
		assertThat(d.bodyCode()).isEqualTo("TOWN-1");
		assertThat(d.rungSince()).isEqualTo(now);
	}

	@Test
	void aDisputeOnlyEscalatesUpwards() {
		Dispute d = mediating(Rung.TOWN_COMMITTEE);
		assertThatThrownBy(() -> d.escalate("system", T0, Rung.VILLAGE_CENTRE, "V", DUE, "x"))
			.isInstanceOf(Dispute.IllegalTransition.class);
		assertThat(d.rung()).isEqualTo(Rung.TOWN_COMMITTEE);
	}

	@Test
	void duringMediationOnlyTheCountyRefersADisputeOut() {
		Dispute village = mediating(Rung.VILLAGE_CENTRE);
		assertThatThrownBy(() -> village.refer("mediator1", T0, Dispute.Referral.COURT, null))
			.isInstanceOf(Dispute.IllegalTransition.class);
		Dispute atTriage = registered(Rung.VILLAGE_CENTRE);
		atTriage.refer("worker1", T0, Dispute.Referral.COURT, "不属于人民调解范围");
		assertThat(atTriage.state()).isEqualTo(Dispute.State.REFERRED);
	}

	@Test
	void aPerformedFollowUpSettlesTheCaseOnItsRung() {
		Dispute d = mediating(Rung.VILLAGE_CENTRE);
		d.agree("mediator1", T0, false, 1, 2, "口头调解协议");
		d.followUp("mediator1", T0, false, "尚未履行");
		assertThat(d.state()).isEqualTo(Dispute.State.AGREED);
		d.followUp("mediator1", T0, true, "已履行");
		assertThat(d.state()).isEqualTo(Dispute.State.SETTLED);
		assertThat(d.settledRung()).isEqualTo(Rung.VILLAGE_CENTRE);
	}

	@Test
	void judicialConfirmationOnlyForAWrittenAgreementWithinItsWindowAndOnce() {
		LocalDate agreed = LocalDate.of(2026, 3, 2);
		LocalDate due = agreed.plusDays(30);
		LocalDate today = agreed.plusDays(10);
		Dispute.State s = Dispute.State.AGREED;
		JudicialConfirmation oral = new JudicialConfirmation(false, agreed, null, null, null);
		assertRefused(() -> oral.checkApplication(today, today, s), DomainException.Kind.CONFLICT, "oral-agreement",
				"AGREED");
		JudicialConfirmation written = new JudicialConfirmation(true, agreed, due, null, null);
		written.checkApplication(today, today, s);
		assertRefused(() -> written.checkApplication(agreed.minusDays(1), today, s), DomainException.Kind.CONFLICT,
				"confirmation-window", "AGREED");
		assertRefused(() -> written.checkApplication(today.plusDays(1), today, s), DomainException.Kind.CONFLICT,
				"confirmation-window", "AGREED");
		assertRefused(() -> written.checkApplication(due.plusDays(1), due.plusDays(1), s),
				DomainException.Kind.CONFLICT, "confirmation-window", "AGREED");
		JudicialConfirmation applied = new JudicialConfirmation(true, agreed, due, today, null);
		assertRefused(() -> applied.checkApplication(today, today, s), DomainException.Kind.CONFLICT, "already-applied",
				"AGREED");
	}

	@Test
	void theCourtsResultIsRecordedOnceAfterTheApplication() {
		LocalDate agreed = LocalDate.of(2026, 3, 2);
		LocalDate applied = agreed.plusDays(5);
		LocalDate today = agreed.plusDays(20);
		Dispute.State s = Dispute.State.AGREED;
		JudicialConfirmation notApplied = new JudicialConfirmation(true, agreed, agreed.plusDays(30), null, null);
		assertRefused(() -> notApplied.checkDecision("CONFIRMED", today, today, s), DomainException.Kind.CONFLICT,
				"not-applied", "AGREED");
		JudicialConfirmation pending = new JudicialConfirmation(true, agreed, agreed.plusDays(30), applied, null);
		assertThatThrownBy(() -> pending.checkDecision("MAYBE", today, today, s))
			.isInstanceOfSatisfying(DomainException.class, (e) -> assertThat(e.type()).isEqualTo("bad-result"));
		assertThatThrownBy(() -> pending.checkDecision("CONFIRMED", applied.minusDays(1), today, s))
			.isInstanceOfSatisfying(DomainException.class,
					(e) -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID));
		pending.checkDecision("REJECTED", today, today, s);
		JudicialConfirmation decided = new JudicialConfirmation(true, agreed, agreed.plusDays(30), applied,
				"CONFIRMED");
		assertRefused(() -> decided.checkDecision("REJECTED", today, today, s), DomainException.Kind.CONFLICT,
				"already-decided", "AGREED");
	}

}
