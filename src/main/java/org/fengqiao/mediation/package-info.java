/**
 * Mediation (矛调): disputes from screening, residents, whistles and referrals, up the three-rung ladder to
 * settlement, follow-up and archive. So far: registration of disputes transferred from dispatch.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "geo", "organisation", "dispatch" })
package org.fengqiao.mediation;
