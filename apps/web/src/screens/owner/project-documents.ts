import { graphql } from '../../gql';

export const ProjectDocument = graphql(`
  query Project($id: ID!) {
    project(id: $id) {
      id
      title
      status
      brief
      budget {
        amountCents
        currency
      }
      escrowBalance {
        amountCents
        currency
      }
      funding {
        id
        status
        simulated
        clientSecret
        failureReason
        total {
          amountCents
          currency
        }
        fees {
          amountCents
          currency
        }
      }
      planningRuns(first: 1) {
        edges {
          node {
            id
            status
            percent
            stage
            message
            failureReason
          }
        }
      }
      plan {
        version
        runId
        features {
          key
          title
          order
        }
        requirements {
          id
          text
          kind
          flags
          line
        }
        summary {
          taskCount
          featureCount
          requirementCount
          total {
            amountCents
            currency
          }
          hours {
            likely
            expected
          }
          budget {
            overBudget
            remaining {
              amountCents
              currency
            }
          }
          coverage {
            coveragePercent
            coveredCount
            totalCount
            uncoveredRequirementIds
            entries {
              requirementId
              text
              taskKeys
            }
          }
        }
        tasks {
          key
          title
          description
          featureKey
          platform
          locked
          dependsOn
          requirementIds
          acceptanceCriteria
          estimate {
            optimistic
            likely
            pessimistic
          }
          price {
            amountCents
            currency
          }
          skills {
            skill
            minLevel
          }
        }
      }
    }
  }
`);

export const PlanForecastDocument = graphql(`
  query PlanForecast($id: ID!) {
    project(id: $id) {
      id
      plan {
        version
        f1: forecast(freelancers: 1) {
          ...ForecastFields
        }
        f2: forecast(freelancers: 2) {
          ...ForecastFields
        }
        f3: forecast(freelancers: 3) {
          ...ForecastFields
        }
        f4: forecast(freelancers: 4) {
          ...ForecastFields
        }
      }
    }
  }
  fragment ForecastFields on PlanForecast {
    freelancers
    criticalPath
    criticalPathHours
    p50DurationDays
    p90DurationDays
    p50Cost {
      amountCents
      currency
    }
    p90Cost {
      amountCents
      currency
    }
  }
`);

/** The graph tab's one forecast: the critical path of a 3-freelancer team, nothing else. */
export const PlanCriticalPathDocument = graphql(`
  query PlanCriticalPath($id: ID!) {
    project(id: $id) {
      id
      plan {
        version
        critical: forecast(freelancers: 3) {
          freelancers
          criticalPath
          criticalPathHours
        }
      }
    }
  }
`);

/** The API computes at most 4 forecasts per request: larger teams come in a second one. */
export const PlanForecastLargerTeamsDocument = graphql(`
  query PlanForecastLargerTeams($id: ID!) {
    project(id: $id) {
      id
      plan {
        version
        f6: forecast(freelancers: 6) {
          ...ForecastFields
        }
        f8: forecast(freelancers: 8) {
          ...ForecastFields
        }
      }
    }
  }
`);

export const ProjectTasksDocument = graphql(`
  query ProjectTasks($id: ID!) {
    project(id: $id) {
      id
      tasks {
        id
        key
        title
        status
        assigneeId
        revision
        claimDeadline
        price {
          amountCents
          currency
        }
      }
    }
  }
`);
