/**
 * The Jingbian demo data set (accounts, geography, organisation, whistles and a year of
 * mediation), generated deterministically and loaded only with
 * {@code fengqiao.demo.enabled=true}, through each module's public operations and bulk
 * writers.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "platform", "geo", "organisation", "dispatch", "mediation" })
package org.fengqiao.demo;
