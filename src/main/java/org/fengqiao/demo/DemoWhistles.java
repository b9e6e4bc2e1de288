package org.fengqiao.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.fengqiao.dispatch.WhistleHistoryImport;
import org.fengqiao.dispatch.WhistleHistoryImport.PastWhistle;
import org.fengqiao.geo.GridDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A few live whistles in the demo county, in various states and some overdue, so the
 * command centre and the work lists are not empty on first start. Created through the
 * dispatcher like any report; the overdue ones are then dated back.
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "fengqiao.demo.enabled", havingValue = "true")
class DemoWhistles implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoWhistles.class);

	/** The response clock the overdue demo whistles missed. */
	private static final Duration RESPOND_WITHIN = Duration.ofMinutes(30);

	/**
	 * category, grid whose interior point is used, description, minutes overdue (0 =
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

	private final WhistleHistoryImport whistles;

	private final GridDirectory directory;

	private final Clock clock;

	DemoWhistles(WhistleHistoryImport whistles, GridDirectory directory, Clock clock) {
		this.whistles = whistles;
		this.directory = directory;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!whistles.isEmpty()) {
			return;
		}
		int created = 0;
		for (String[] demo : DEMO) {
			var at = directory.interiorPoint(demo[1]);
			if (at.isEmpty() || !whistles.knows(demo[0])) {
				continue;
			}
			try {
				List<String> actions = Arrays.stream(demo[4].split(",")).filter(a -> !a.isBlank()).toList();
				int minutesLate = Integer.parseInt(demo[3]);
				Instant reported = null, respondDue = null;
				if (minutesLate > 0) {
					reported = clock.instant().minus(RESPOND_WITHIN.plusMinutes(minutesLate));
					respondDue = reported.plus(RESPOND_WITHIN);
				}
				whistles.load(new PastWhistle(demo[0], at.get().lon(), at.get().lat(), demo[2], "群众", "demo-" + created,
						actions, "demo", "已处理完毕", 5, reported, respondDue));
				created++;
			}
			catch (RuntimeException e) {
				log.warn("Demo whistle not created: {}", e.getMessage());
			}
		}
		log.info("Created {} demo whistles", created);
	}

}
