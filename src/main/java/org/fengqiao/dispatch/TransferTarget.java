package org.fengqiao.dispatch;

/**
 * Where a whistle may be transferred: a closed list, each consumed by its own line.
 * Mediation opens a dispute from it (the mediation module listens to
 * {@link WhistleTransferred}); the others are kept as hand-offs in dispatch
 * ({@code whistle_handoff}) until their module exists, so nothing transferred is lost.
 */
public enum TransferTarget {

	/** People's mediation: the mediation module opens a dispute. */
	MEDIATION,
	/** The police (public security): a hand-off, until the policing module takes it. */
	POLICE,
	/** A government department through the 12345 hotline: a hand-off. */
	DEPARTMENT_12345,
	/** Another county, where the matter lies: a hand-off. */
	OTHER_COUNTY

}
