package org.fengqiao.mediation;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped risk rules on a plain object. */
class RiskRulesTests {

	final RiskRules rules = new RiskRules(new ClassPathResource("mediation/risk-rules.csv"));

	RiskRules.Proposal propose(DisputeType type, String amount, int people, String description, int earlier) {
		return rules.propose(new RiskRules.Facts(type, amount == null ? null : new BigDecimal(amount), people,
				description, earlier));
	}

	@Test
	void nothingMatchingIsBlue() {
		RiskRules.Proposal p = propose(DisputeType.CONSUMER, null, 2, "买到的冰箱不制冷", 0);
		assertThat(p.colour()).isEqualTo(RiskColour.BLUE);
		assertThat(p.criminal()).isFalse();
		assertThat(p.petition()).isFalse();
		assertThat(p.rules()).isEmpty();
	}

	@Test
	void theHighestColourOfTheMatchingRulesWins() {
		assertThat(propose(DisputeType.NEIGHBOURS, null, 2, "排水沟堵了", 0).colour()).isEqualTo(RiskColour.YELLOW);
		RiskRules.Proposal amount = propose(DisputeType.NEIGHBOURS, "100000", 2, "欠款", 0);
		assertThat(amount.colour()).isEqualTo(RiskColour.ORANGE);
		assertThat(amount.rules()).containsExactly("M01", "M02", "M03");
		assertThat(propose(DisputeType.CONTRACT, "9999.99", 2, "欠款", 0).colour()).isEqualTo(RiskColour.BLUE);
	}

	@Test
	void manyPeopleMakeAGroupDispute() {
		RiskRules.Proposal p = propose(DisputeType.CONTRACT, null, 30, "合同", 0);
		assertThat(p.colour()).isEqualTo(RiskColour.RED);
		assertThat(p.petition()).isTrue();
		RiskRules.Proposal wages = propose(DisputeType.LABOUR, null, 10, "欠薪", 0);
		assertThat(wages.colour()).isEqualTo(RiskColour.RED);
		assertThat(propose(DisputeType.CONTRACT, null, 10, "合同", 0).colour()).isEqualTo(RiskColour.ORANGE);
	}

	@Test
	void threatsWeaponsAndRepeatsFlagCivilToCriminal() {
		RiskRules.Proposal threat = propose(DisputeType.NEIGHBOURS, null, 2, "对方扬言要动手", 0);
		assertThat(threat.colour()).isEqualTo(RiskColour.ORANGE);
		assertThat(threat.criminal()).isTrue();
		RiskRules.Proposal weapon = propose(DisputeType.NEIGHBOURS, null, 2, "拿着刀上门", 0);
		assertThat(weapon.colour()).isEqualTo(RiskColour.RED);
		assertThat(weapon.criminal()).isTrue();
		assertThat(propose(DisputeType.CONSUMER, null, 2, "又来了", 2).criminal()).isTrue();
		assertThat(propose(DisputeType.CONSUMER, null, 2, "又来了", 1).criminal()).isFalse();
	}

	@Test
	void aBadRuleFileIsRefusedWhenRead() {
		ByteArrayResource bad = new ByteArrayResource(
				"id,colour,criminal,petition,types,min_amount,min_people,keywords,min_repeats,description_zh,description_en\nX,PURPLE,false,false,,,,,,x,x\n"
					.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertThatThrownBy(() -> new RiskRules(bad)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("Bad mediation risk rule");
	}

}
