package org.fengqiao.mediation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start, seals the names and addresses of parties stored in the clear before they were
 * sealed (V16): the migration cannot, as the database never holds the key. A batch per
 * transaction; nothing to do on a database whose parties are all sealed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class PartySealing implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(PartySealing.class);

	private final Disputes disputes;

	private final TransactionTemplate transactions;

	PartySealing(Disputes disputes, TransactionTemplate transactions) {
		this.disputes = disputes;
		this.transactions = transactions;
	}

	@Override
	public void run(ApplicationArguments args) {
		int total = 0;
		int sealed;
		do {
			sealed = transactions.execute(status -> disputes.sealPlainParties(500));
			total += sealed;
		}
		while (sealed > 0);
		if (total > 0) {
			log.info("Sealed the names and addresses of {} parties stored in the clear", total);
		}
	}

}
