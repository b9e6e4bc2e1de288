package org.fengqiao.mediation;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Proposes a dispute's risk colour and civil-to-criminal (民转刑) flag from configurable
 * rules: type, amount at stake, number of people, keywords in the description, and
 * earlier disputes between the same parties; and the group-petition (群体性上访) flag the same
 * way. A rule matches when all its conditions hold (an empty condition always holds); the
 * proposal is the highest colour of the matching rules (blue when none matches) and a
 * flag is set when any matching rule sets it. The rules are read from
 * {@code fengqiao.mediation.risk-rules} (shipped:
 * {@code classpath:mediation/risk-rules.csv}); a county points the property at its own
 * file.
 */
@Component
class RiskRules {

	/** One rule as configured. */
	record Rule(String id, RiskColour colour, boolean criminal, boolean petition, Set<DisputeType> types,
			BigDecimal minAmount, Integer minPeople, List<String> keywords, Integer minRepeats, String descriptionZh,
			String descriptionEn) {

		boolean matches(Facts facts) {
			return (types.isEmpty() || types.contains(facts.type()))
					&& (minAmount == null || (facts.amount() != null && facts.amount().compareTo(minAmount) >= 0))
					&& (minPeople == null || facts.people() >= minPeople)
					&& (keywords.isEmpty() || (facts.description() != null
							&& keywords.stream().anyMatch(facts.description()::contains)))
					&& (minRepeats == null || facts.earlierDisputes() >= minRepeats);
		}
	}

	/** What the rules look at. */
	record Facts(DisputeType type, BigDecimal amount, int people, String description, int earlierDisputes) {
	}

	/** The rules' proposal, with the ids of the rules that matched. */
	record Proposal(RiskColour colour, boolean criminal, boolean petition, List<String> rules) {
	}

	private final List<Rule> rules;

	RiskRules(@Value("${fengqiao.mediation.risk-rules:classpath:mediation/risk-rules.csv}") Resource source) {
		this.rules = load(source);
	}

	List<Rule> rules() {
		return rules;
	}

	Proposal propose(Facts facts) {
		RiskColour colour = RiskColour.BLUE;
		boolean criminal = false;
		boolean petition = false;
		List<String> matched = new ArrayList<>();
		for (Rule rule : rules) {
			if (rule.matches(facts)) {
				colour = RiskColour.higher(colour, rule.colour());
				criminal |= rule.criminal();
				petition |= rule.petition();
				matched.add(rule.id());
			}
		}
		return new Proposal(colour, criminal, petition, List.copyOf(matched));
	}

	private static List<Rule> load(Resource source) {
		try (var reader = new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8)) {
			List<Rule> loaded = new ArrayList<>();
			for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
				loaded.add(new Rule(r.get("id"), RiskColour.valueOf(r.get("colour").strip()),
						Boolean.parseBoolean(r.get("criminal").strip()),
						Boolean.parseBoolean(r.get("petition").strip()),
						Arrays.stream(r.get("types").split("\\|"))
							.map(String::strip)
							.filter(s -> !s.isEmpty())
							.map(DisputeType::valueOf)
							.collect(Collectors.toUnmodifiableSet()),
						blank(r.get("min_amount")) ? null : new BigDecimal(r.get("min_amount").strip()),
						blank(r.get("min_people")) ? null : Integer.valueOf(r.get("min_people").strip()),
						Arrays.stream(r.get("keywords").split("\\|"))
							.map(String::strip)
							.filter(s -> !s.isEmpty())
							.toList(),
						blank(r.get("min_repeats")) ? null : Integer.valueOf(r.get("min_repeats").strip()),
						r.get("description_zh"), r.get("description_en")));
			}
			return List.copyOf(loaded);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read the mediation risk rules from " + source, e);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException("Bad mediation risk rule in " + source + ": " + e.getMessage(), e);
		}
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

}
