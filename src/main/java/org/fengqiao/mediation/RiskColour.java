package org.fengqiao.mediation;

/**
 * A dispute's risk colour (local standard): red = key (cross-department or complex,
 * reported at once, goes to the town), orange = watch (may turn severe, handled the same
 * day), yellow = ordinary, blue = latent.
 */
enum RiskColour {

	BLUE, YELLOW, ORANGE, RED;

	static RiskColour higher(RiskColour a, RiskColour b) {
		return a.ordinal() >= b.ordinal() ? a : b;
	}

}
