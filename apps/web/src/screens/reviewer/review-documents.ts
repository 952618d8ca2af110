import { graphql } from '../../gql';

export const ReviewQueueDocument = graphql(`
  query ReviewQueue {
    me {
      id
    }
    reviewQueue(first: 20) {
      edges {
        node {
          id
          key
          title
          description
          status
          revision
          acceptanceCriteria
          price {
            amountCents
            currency
          }
          project {
            id
            title
          }
        }
      }
    }
  }
`);
