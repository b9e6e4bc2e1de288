package org.fengqiao.organisation;

import java.time.LocalDate;

import org.fengqiao.geo.GridDirectory;
import org.springframework.stereotype.Component;

/**
 * Whether an assignment names real places of the right kind: the grid, police grid,
 * police room or unit it needs exists, a specialist sits on a level-3 grid, and the dates
 * are in order. Shared by the API and the Excel import so both refuse the same things.
 */
@Component
class Placement {

	private final GridDirectory directory;

	private final Units units;

	Placement(GridDirectory directory, Units units) {
		this.directory = directory;
		this.units = units;
	}

	/** The first problem found, or null when the assignment is well placed. */
	String problem(Assignment.Kind kind, String grid, String policeGrid, String room, String unit, String specialty,
			LocalDate from, LocalDate to) {
		if (to != null && from != null && !to.isAfter(from)) {
			return "validTo must be after validFrom";
		}
		switch (kind) {
			case GRID_CHIEF, GRID_WORKER, SPECIALIST -> {
				if (grid == null) {
					return kind + " needs a grid";
				}
				var found = directory.grid(grid);
				if (found.isEmpty()) {
					return "unknown grid " + grid;
				}
				if (kind == Assignment.Kind.SPECIALIST) {
					if (found.get().level() != 3) {
						return "six-matrix specialists serve level-3 grids";
					}
					try {
						Assignment.Specialty.valueOf(String.valueOf(specialty));
					}
					catch (IllegalArgumentException e) {
						return "specialty must be one of " + java.util.Arrays.toString(Assignment.Specialty.values());
					}
				}
			}
			case POLICE_GRID_OFFICER -> {
				if (policeGrid == null
						|| directory.policeGrids().stream().noneMatch(p -> p.code().equals(policeGrid))) {
					return "unknown police grid " + policeGrid;
				}
			}
			case POLICE_ROOM_STAFF -> {
				if (room == null || directory.policeRooms().stream().noneMatch(r -> r.code().equals(room))) {
					return "unknown police room " + room;
				}
			}
			case SECONDMENT, MEDIATOR -> {
				if (unit == null || !units.exists(unit)) {
					return "unknown unit " + unit;
				}
			}
		}
		return null;
	}

}
