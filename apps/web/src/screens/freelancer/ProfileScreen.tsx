import { useEffect, useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/ErrorNotice';

const MyProfileDocument = graphql(`
  query MyProfile {
    me {
      id
      displayName
      email
      roles
    }
    myFreelancerProfile {
      userId
      hourlyRateCents
      timezone
      weeklyHours
      portfolioLinks
      skills {
        skill
        minLevel
      }
      reputation {
        score
        assignments
        onTimeRate
        revisionRate
        ratings
      }
    }
  }
`);
const UpdateProfileDocument = graphql(`
  mutation UpdateProfile($input: UpdateFreelancerProfileInput!) {
    updateFreelancerProfile(input: $input) {
      weeklyHours
      skills {
        skill
        minLevel
      }
    }
  }
`);

/** "react:4, node:3" ⇄ skills with levels. */
export function parseSkills(text: string): { skill: string; level: number }[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [skill, level] = s.split(':').map((x) => x.trim());
      return { skill: skill.toLowerCase(), level: Number(level ?? 3) || 3 };
    });
}

export default function ProfileScreen() {
  const [{ data, error }, refetch] = useQuery({ query: MyProfileDocument });
  const [skills, setSkills] = useState('');
  const [rate, setRate] = useState('');
  const [hours, setHours] = useState('20');
  const [result, update] = useMutation(UpdateProfileDocument);
  const profile = data?.myFreelancerProfile;
  useEffect(() => {
    if (!profile) return;
    setSkills(profile.skills.map((s) => `${s.skill}:${s.minLevel}`).join(', '));
    setRate(profile.hourlyRateCents ? String(profile.hourlyRateCents / 100) : '');
    setHours(String(profile.weeklyHours));
  }, [profile]);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const r = await update({
      input: {
        skills: parseSkills(skills),
        hourlyRateCents: rate ? Math.round(Number(rate) * 100) : null,
        weeklyHours: Number(hours) || 20,
      },
    });
    if (!r.error) refetch({ requestPolicy: 'network-only' });
  };
  return (
    <>
      <h1>Profile</h1>
      <ErrorNotice error={error} />
      {data ? (
        <p>
          {data.me.displayName} ({data.me.email}) · your user id: <code>{data.me.id}</code>
        </p>
      ) : null}
      <Form onSubmit={(e) => void save(e)} className="card" aria-label="Freelancer profile">
        <Field
          label="Skills with levels 1–5"
          value={skills}
          onChange={setSkills}
          description="For example: react:4, typescript:3"
          isRequired
        />
        <div className="row">
          <Field label="Hourly rate" value={rate} onChange={setRate} inputMode="decimal" />
          <Field label="Hours per week" value={hours} onChange={setHours} inputMode="numeric" />
        </div>
        <ErrorNotice error={result.error} />
        {result.data ? (
          <p className="ok" role="status">
            Profile saved.
          </p>
        ) : null}
        <Button type="submit">Save profile</Button>
      </Form>
      {profile ? (
        <section className="card" aria-labelledby="rep-title">
          <h2 id="rep-title">Reputation</h2>
          <p>
            Score {profile.reputation.score.toFixed(2)} from {profile.reputation.assignments}{' '}
            assignments, {profile.reputation.ratings} ratings
            {profile.reputation.onTimeRate !== null && profile.reputation.onTimeRate !== undefined
              ? `, on time ${Math.round(profile.reputation.onTimeRate * 100)}%`
              : ''}
          </p>
        </section>
      ) : null}
    </>
  );
}
