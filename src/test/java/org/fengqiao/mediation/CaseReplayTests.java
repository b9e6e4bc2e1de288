package org.fengqiao.mediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.fengqiao.organisation.MediationBodies;
import org.fengqiao.platform.DomainException;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/**
 * A past case's course played through the aggregate, the risk rules and the ladder, on
 * plain objects: the ladder chooses each rung and body, the state machine checks each
 * step, and the records are the ones the import writes.
 */
class CaseReplayTests {

	static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

	final CaseReplay replay = replay();

	static CaseReplay replay() {
		MediationBodies bodies = mock(MediationBodies.class);
		when(bodies.bodies()).thenReturn(List.copyOf(LadderTests.BODIES.values()));
		return new CaseReplay(new RiskRules(new ClassPathResource("mediation/risk-rules.csv")),
				new Ladder(bodies, Duration.ofDays(30), Rung.TOWN_COMMITTEE), Duration.ofDays(15));
	}

	CaseReplay.PastCase register(String village) {
		return replay.replay()
			.register(UUID.randomUUID(), "demo", T0,
					new CaseReplay.Facts(DisputeType.NEIGHBOURS, new BigDecimal("2000.00"), 2, "邻居在公共通道堆放柴草杂物"),
					new CaseReplay.Place(LadderTests.MICRO_GRID, village, LadderTests.TOWN, List.of(village, village)));
	}

	@Test
	void aCaseClimbsToTheBodiesTheLadderChoosesAndSettlesWhereItAgrees() {
		CaseReplay.PastCase c = register(LadderTests.VILLAGE);
		assertThat(c.rung()).isEqualTo(Rung.GROUP_TEAM);
		assertThat(c.bodyCode()).isEqualTo("GT-1");
		assertThat(c.rungDue()).isEqualTo(T0.plus(Duration.ofDays(30)));

		c.assign("demo", T0.plusSeconds(3600), "王建国");
		assertThat(c.isMediating()).isTrue();
		Instant failed = T0.plus(Duration.ofDays(3));
		c.failAndClimb("demo", failed, "调解小组调解未果，提交村调解中心");
		assertThat(c.rung()).isEqualTo(Rung.VILLAGE_CENTRE);
		assertThat(c.bodyCode()).isEqualTo("VC-1");
		assertThat(c.isMediating()).isFalse();
		assertThat(c.rungDue()).isEqualTo(failed.plus(Duration.ofDays(30)));

		Instant due = c.rungDue();
		c.climbOnTimeLimit();
		assertThat(c.rung()).isEqualTo(Rung.TOWN_COMMITTEE);
		assertThat(c.bodyCode()).isEqualTo("TC-1");
		assertThat(c.events()).last().satisfies(e -> {
			assertThat(e.actor()).isEqualTo("system");
			assertThat(e.at()).isEqualTo(due);
			assertThat(e.reason()).isEqualTo("超过30天办理期限未化解，自动上交");
		});

		Instant agreed = due.plus(Duration.ofDays(2));
		c.assign("demo", due.plus(Duration.ofDays(1)), "李明");
		assertThatThrownBy(() -> c.agree("demo", agreed, true, 0, 2, "书面调解协议")).isInstanceOf(DomainException.class);
		c.agree("demo", agreed, true, 1, 2, "书面调解协议");
		assertThat(c.isMediationConcluded()).isFalse();
		c.followUp("demo", agreed.plus(Duration.ofDays(16)), true, "回访：协议已履行完毕");
		assertThat(c.isMediationConcluded()).isTrue();
		assertThat(c.settledRung()).isEqualTo(Rung.TOWN_COMMITTEE);

		CaseHistoryImport.PastDispute row = c.asPastDispute("SCREENING", null, 108.8, 37.6, "61082410020100",
				LadderTests.MICRO_GRID, "ABCDEFGHJKLM");
		assertThat(row.id()).isEqualTo(c.id());
		assertThat(row.state()).isEqualTo("SETTLED");
		assertThat(row.rung()).isEqualTo("TOWN_COMMITTEE");
		assertThat(row.settledRung()).isEqualTo("TOWN_COMMITTEE");
		assertThat(row.outcome()).isEqualTo("AGREEMENT_WRITTEN");
		assertThat(row.registeredAt()).isEqualTo(T0);
		assertThat(row.registeredBy()).isEqualTo("demo");
		assertThat(row.disputeType()).isEqualTo("NEIGHBOURS");
		assertThat(row.townshipCode()).isEqualTo(LadderTests.TOWN);
		assertThat(c.events()).extracting(CaseHistoryImport.PastEvent::toState)
			.containsExactly("REGISTERED", "MEDIATING", "REGISTERED", "REGISTERED", "MEDIATING", "AGREED", "SETTLED");
	}

	@Test
	void aRungWithoutABodyIsPassed() {
		CaseReplay.PastCase c = register("610824100209");
		c.assign("demo", T0.plusSeconds(3600), "王建国");
		c.failAndClimb("demo", T0.plus(Duration.ofDays(3)), "调解小组调解未果，提交村调解中心");
		assertThat(c.rung()).isEqualTo(Rung.TOWN_COMMITTEE);
		assertThat(c.bodyCode()).isEqualTo("TC-1");
		assertThat(c.events()).last().extracting(CaseHistoryImport.PastEvent::reason).isEqualTo("上一级无调解组织");
	}

	@Test
	void aCaseIsReferredOutByTheReferralsName() {
		CaseReplay.PastCase c = register(LadderTests.VILLAGE);
		assertThatThrownBy(() -> c.refer("demo", T0.plusSeconds(60), "NOWHERE", "?"))
			.isInstanceOf(IllegalArgumentException.class);
		c.refer("demo", T0.plusSeconds(60), "ARBITRATION", "属劳动争议，引导当事人申请劳动仲裁");
		c.archive("demo", T0.plus(Duration.ofDays(2)));
		CaseHistoryImport.PastDispute row = c.asPastDispute("SCREENING", null, null, null, null, LadderTests.VILLAGE,
				"ABCDEFGHJKLN");
		assertThat(row.referredTo()).isEqualTo("ARBITRATION");
		assertThat(row.state()).isEqualTo("ARCHIVED");
		assertThat(row.mediationStartedAt()).isNull();
	}

}
