package org.fengqiao.platform;

/** Role names shared by every module's access rules (the full role model comes with the organisation module). */
public final class Roles {

	/** System administrator: geography, catalogues, accounts. */
	public static final String ADMIN = "ADMIN";

	/** County command centre. */
	public static final String COMMAND = "COMMAND";

	private Roles() {
	}
}
