package org.fengqiao.dispatch;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A few live whistles in the demo county, in various states and some overdue, so the
 * command centre and the work lists are not empty on first start. Created through the
 * dispatcher like any report; the overdue ones are then dated back (demo only).
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "fengqiao.demo.enabled", havingValue = "true")
class DemoWhistles implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoWhistles.class);

	/**
	 * category, grid whose interior point is used, description, minutes to date back (0 =
	 * fresh), then actions.
	 */
	private static final List<String[]> DEMO = List.of(
			new String[] { "UM-0102", "6108240010010101", "统万路小区门口垃圾堆积，三天没人清运", "0", "" },
			new String[] { "UM-0104", "6108240010020102", "长城路人行道上油污一大片，行人容易滑倒", "50", "" },
			new String[] { "DS-01", "6108240010030101", "楼上漏水到楼下，两家人吵了起来", "0", "accept" },
			new String[] { "HR-01", "6108240010040101", "独居老人家里两天没人应门，邻居很担心", "40", "" },
			new String[] { "UM-0102", "6108240010050101", "菜市场后面垃圾乱倒", "0", "accept,arrive" },
			new String[] { "UM-0104", "6108240010060101", "学校门口路面有泥土", "0", "accept,arrive,resolve" },
			new String[] { "UM-0102", "6108240010070101", "公园西门垃圾桶满了", "0", "accept,resolve,confirm" },
			new String[] { "DS-01", "61082410320001", "两户村民因宅基地边界发生争执", "35", "" },
			new String[] { "UM-0102", "61082410120001", "村口垃圾堆没人清", "0", "" },
			new String[] { "PO-200100", "6108240010080101", "夜市有人打架，有人拿着棍棒", "0", "" });

	private final Dispatcher dispatcher;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final org.fengqiao.geo.GridDirectory directory;

	private final Catalogue catalogue;

	DemoWhistles(Dispatcher dispatcher, JdbcClient jdbc, Clock clock, org.fengqiao.geo.GridDirectory directory,
			Catalogue catalogue) {
		this.directory = directory;
		this.catalogue = catalogue;
		this.dispatcher = dispatcher;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (jdbc.sql("select count(*) from whistle").query(Integer.class).single() > 0) {
			return;
		}
		int created = 0;
		for (String[] demo : DEMO) {
			var at = directory.interiorPoint(demo[1]);
			if (at.isEmpty() || dispatcherHasNo(demo[0])) {
				continue;
			}
			try {
				UUID id = dispatcher.report(new Dispatcher.ReportWhistle(demo[0], at.get().lon(), at.get().lat(),
						demo[2], "群众", null, null, "demo-" + created));
				for (String action : demo[4].split(",")) {
					if (!action.isBlank()) {
						WhistleAction a = WhistleAction.of(action.strip()).orElseThrow();
						// The demo acts as the command centre would, and confirms as the
						// resident with the tracking code.
						Dispatcher.Actor actor = a == WhistleAction.CONFIRM
								? Dispatcher.Actor.resident(jdbc.sql("select tracking_code from whistle where id = ?")
									.param(id)
									.query(String.class)
									.single())
								: Dispatcher.Actor.staff("demo", java.util.EnumSet.of(WhistlePermissions.Role.COMMAND),
										null, org.fengqiao.organisation.DataScope.county());
						dispatcher.act(id, a, actor, new Dispatcher.Action(null,
								a == WhistleAction.RESOLVE ? "已处理完毕" : null, 5, null, null, null, null));
					}
				}
				int minutesLate = Integer.parseInt(demo[3]);
				if (minutesLate > 0) {
					Duration back = Duration.ofMinutes(30L + minutesLate);
					Instant reported = clock.instant().minus(back);
					jdbc.sql("""
							update whistle set reported_at = ?, respond_due = ?, escalate_at = ? where id = ?""")
						.params(Timestamp.from(reported), Timestamp.from(reported.plus(Duration.ofMinutes(30))),
								Timestamp.from(reported.plus(Duration.ofMinutes(30))), id)
						.update();
					jdbc.sql("update whistle_event set at = ? where whistle_id = ?")
						.params(Timestamp.from(reported), id)
						.update();
				}
				created++;
			}
			catch (RuntimeException e) {
				log.warn("Demo whistle not created: {}", e.getMessage());
			}
		}
		log.info("Created {} demo whistles", created);
	}

	private boolean dispatcherHasNo(String category) {
		return catalogue.category(category).isEmpty();
	}

}
