package org.fengqiao.statistics;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The items a transaction changed, counted again just before it commits (once each,
 * however often they changed), or at once when there is no transaction. The one mechanism
 * behind {@link WhistleRollups} and {@link DisputeRollups}.
 */
final class PendingRefresh {

	private final Object resourceKey = new Object();

	private final TransactionTemplate transactions;

	private final Consumer<Collection<UUID>> refresh;

	PendingRefresh(TransactionTemplate transactions, Consumer<Collection<UUID>> refresh) {
		this.transactions = transactions;
		this.refresh = refresh;
	}

	@SuppressWarnings("unchecked")
	void add(UUID id) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			transactions.executeWithoutResult(s -> refresh.accept(List.of(id)));
			return;
		}
		Set<UUID> pending = (Set<UUID>) TransactionSynchronizationManager.getResource(resourceKey);
		if (pending == null) {
			Set<UUID> ids = new LinkedHashSet<>();
			TransactionSynchronizationManager.bindResource(resourceKey, ids);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCommit(boolean readOnly) {
					TransactionSynchronizationManager.unbindResourceIfPossible(resourceKey);
					refresh.accept(ids);
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(resourceKey);
				}
			});
			pending = ids;
		}
		pending.add(id);
	}

}
