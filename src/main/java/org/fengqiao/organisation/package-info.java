/**
 * Organisation: units, people and their roles, dated assignments to grids and police
 * grids, duty rosters, the compliance rules of the county, and each account's data scope.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "platform", "geo" })
package org.fengqiao.organisation;
