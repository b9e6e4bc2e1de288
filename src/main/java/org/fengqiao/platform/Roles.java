package org.fengqiao.platform;

/**
 * Account roles. The three administrators are kept apart (三员分立): the system administrator
 * runs geography, organisation data and catalogues; the security administrator runs
 * accounts, roles and tokens; the audit administrator reads and verifies the audit log.
 * None of them can do another's work, and none of them may reveal personal data.
 */
public final class Roles {

	/** System administrator: geography, organisation data, catalogues. */
	public static final String ADMIN = "ADMIN";

	/** Security administrator: accounts, roles, tokens, lockouts. */
	public static final String SECURITY = "SECURITY";

	/** Audit administrator: the audit log. */
	public static final String AUDITOR = "AUDITOR";

	/** County command centre: the whole county. */
	public static final String COMMAND = "COMMAND";

	/** Chief of a police station: the station's police grids. */
	public static final String STATION = "STATION";

	/** Township staff: their township. */
	public static final String TOWNSHIP = "TOWNSHIP";

	/** Grid worker or grid chief: their grids. */
	public static final String GRID_WORKER = "GRID_WORKER";

	/** Community officer or auxiliary officer: the grids of their police grids. */
	public static final String OFFICER = "OFFICER";

	/** Mediator: their mediation body's area. */
	public static final String MEDIATOR = "MEDIATOR";

	private Roles() {
	}

}
