/**
 * Mediation (矛调, 掌上矛调管家): disputes from screening, residents' applications, whistles and
 * court or police referrals, up the ladder villagers' group team → village mediation
 * centre → town committee → county centre, through mediators, sessions and agreements to
 * follow-up, settlement and the one-file archive; and the dispute figures.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "geo", "organisation", "dispatch" })
package org.fengqiao.mediation;
