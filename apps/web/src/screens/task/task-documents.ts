import { graphql } from '../../gql';

export const TaskDocument = graphql(`
  query Task($id: ID!) {
    me {
      id
      roles
    }
    task(id: $id) {
      id
      key
      title
      description
      status
      revision
      platform
      assigneeId
      claimDeadline
      price {
        amountCents
        currency
      }
      project {
        id
        title
      }
      owner {
        id
        displayName
      }
      scorecard {
        id
        text
      }
      submissions {
        id
        revision
        links
        notes
        hoursSpent
        createdAt
      }
      reviews {
        id
        revision
        verdict
        overallScore
        feedback
        createdAt
        reviewer {
          id
          displayName
        }
        criteria {
          criterionId
          criterion
          passed
          comment
        }
      }
    }
  }
`);
