import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { PubSub, PubSubEngine } from 'graphql-subscriptions';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import { Redis } from 'ioredis';
import { AppConfig } from '@splitwork/config';
import { Clock, SystemClock } from '@splitwork/kernel';
import { InMemoryRateLimiter, RateLimiter, RedisRateLimiter } from './rate-limiter';

/** The Redis client when REDIS_URL is set, else null. */
export const REDIS = Symbol('REDIS');

/** Publishes subscription events; through Redis so every replica sees them when it is set. */
export abstract class EventBus extends PubSubEngine {}

@Injectable()
class RedisLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(REDIS) private readonly redis: Redis | null,
    private readonly events: EventBus,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.events instanceof RedisPubSub) await this.events.close();
    if (this.redis) await this.redis.quit();
  }
}

function redisClient(url: string, keyPrefix?: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false, keyPrefix });
}

/** Process-wide services every context uses: clock, Redis, event bus, rate limiter. */
@Global()
@Module({
  providers: [
    { provide: Clock, useClass: SystemClock },
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        config.REDIS_URL ? redisClient(config.REDIS_URL, config.REDIS_KEY_PREFIX) : null,
    },
    {
      provide: EventBus,
      inject: [AppConfig],
      useFactory: (config: AppConfig): PubSubEngine =>
        config.REDIS_URL
          ? new RedisPubSub({
              publisher: redisClient(config.REDIS_URL),
              subscriber: redisClient(config.REDIS_URL),
            })
          : new PubSub(),
    },
    {
      provide: RateLimiter,
      inject: [REDIS, Clock],
      useFactory: (redis: Redis | null, clock: Clock) => {
        const now = () => clock.now().getTime();
        return redis ? new RedisRateLimiter(redis, now) : new InMemoryRateLimiter(now);
      },
    },
    RedisLifecycle,
  ],
  exports: [Clock, REDIS, EventBus, RateLimiter],
})
export class PlatformModule {}
