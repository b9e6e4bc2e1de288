package org.fengqiao.organisation;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mediation bodies of the ladder and their mediators, for the mediation module: the
 * villagers' group team of a micro-grid, the village mediation centre, the town people's
 * mediation committee and the county centre; who mediates for each body on a date; and
 * the county's pool of third-party mediators (lawyers, legal workers, deputies, CPPCC
 * members).
 */
@Component
public class MediationBodies {

	/**
	 * A mediation body: its unit code and name, its rung of the ladder and the area it
	 * serves.
	 */
	public record Body(String code, String name, String rung, String areaCode) {
	}

	/**
	 * A mediator: the body they serve and, for the third-party pool, what they are
	 * (LAWYER, DEPUTY...). The keyed hash of their ID number (never the number) lets the
	 * mediation module see that a mediator is a party.
	 */
	public record Mediator(long personId, String name, String bodyCode, String thirdParty, String phoneMasked,
			String idNumberHash) {

		public boolean isThirdParty() {
			return thirdParty != null;
		}
	}

	private static final String KIND_OF_RUNG = """
			case u.kind when 'GROUP_TEAM' then 'GROUP_TEAM' when 'VILLAGE_CENTRE' then 'VILLAGE_CENTRE'
			            when 'TOWN_COMMITTEE' then 'TOWN_COMMITTEE' else 'COUNTY' end""";

	private final JdbcClient jdbc;

	private final Clock clock;

	MediationBodies(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The body of a rung serving an area: for {@code GROUP_TEAM} the team of the
	 * micro-grid, for {@code VILLAGE_CENTRE} the centre of the village, for
	 * {@code TOWN_COMMITTEE} the committee of the township, for {@code COUNTY} the
	 * county's centre. Empty when the area has no body on that rung (most villages have
	 * no villagers' group teams).
	 */
	@Transactional(readOnly = true)
	public Optional<Body> bodyFor(String rung, String areaCode) {
		String kind = switch (rung) {
			case "GROUP_TEAM" -> "GROUP_TEAM";
			case "VILLAGE_CENTRE" -> "VILLAGE_CENTRE";
			case "TOWN_COMMITTEE" -> "TOWN_COMMITTEE";
			case "COUNTY" -> "COUNTY_CENTRE";
			default -> throw new IllegalArgumentException("No such rung: " + rung);
		};
		if (!kind.equals("COUNTY_CENTRE") && (areaCode == null || areaCode.isEmpty())) {
			return Optional.empty();
		}
		String condition = kind.equals("COUNTY_CENTRE") ? "true" : "u.area_code = :area";
		return jdbc
			.sql("select u.code, u.name, " + KIND_OF_RUNG + ", u.area_code from unit u where u.kind = :kind and "
					+ condition + " order by u.code limit 1")
			.param("kind", kind)
			.param("area", areaCode == null ? "" : areaCode)
			.query((rs, n) -> new Body(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.optional();
	}

	@Transactional(readOnly = true)
	public Optional<Body> body(String code) {
		return jdbc
			.sql("select u.code, u.name, " + KIND_OF_RUNG + ", u.area_code from unit u where u.code = ?"
					+ " and u.kind in ('GROUP_TEAM', 'VILLAGE_CENTRE', 'TOWN_COMMITTEE', 'COUNTY_CENTRE')")
			.param(code)
			.query((rs, n) -> new Body(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.optional();
	}

	/** Every mediation body (for seeding rooms and for pick lists). */
	@Transactional(readOnly = true)
	public List<Body> bodies() {
		return jdbc.sql("select u.code, u.name, " + KIND_OF_RUNG + ", u.area_code from unit u"
				+ " where u.kind in ('GROUP_TEAM', 'VILLAGE_CENTRE', 'TOWN_COMMITTEE', 'COUNTY_CENTRE') order by u.code")
			.query((rs, n) -> new Body(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
	}

	/**
	 * The mediators serving a body today (third-party mediators attached to it included).
	 */
	@Transactional(readOnly = true)
	public List<Mediator> mediatorsOf(String bodyCode) {
		return mediators("a.unit_code = ?", bodyCode);
	}

	/**
	 * The county's pool of third-party mediators, whichever body they are attached to.
	 */
	@Transactional(readOnly = true)
	public List<Mediator> thirdPartyPool() {
		return mediators("p.third_party is not null and ? = ?", "x", "x");
	}

	/** A mediator by person id, if the person mediates for some body today. */
	@Transactional(readOnly = true)
	public Optional<Mediator> mediator(long personId) {
		return mediators("a.person_id = ?", personId).stream().findFirst();
	}

	private List<Mediator> mediators(String condition, Object... params) {
		LocalDate today = LocalDate.now(clock);
		Object[] all = new Object[params.length + 2];
		System.arraycopy(params, 0, all, 0, params.length);
		all[params.length] = Date.valueOf(today);
		all[params.length + 1] = Date.valueOf(today);
		return jdbc.sql("""
				select p.id, p.name, a.unit_code, p.third_party, p.phone_masked, p.id_number_hash
				from assignment a join person p on p.id = a.person_id
				where a.kind = 'MEDIATOR' and %s and a.valid_from <= ? and (a.valid_to is null or a.valid_to > ?)
				order by p.third_party nulls first, p.id""".formatted(condition))
			.params(all)
			.query((rs, n) -> new Mediator(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6)))
			.list();
	}

}
