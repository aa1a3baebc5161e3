/** A JSON document (an event payload, a stored answer) lacks a field or holds one of the wrong shape. */
export class MalformedJsonError extends Error {
  override name = 'MalformedJsonError';
}

/**
 * Reads fields out of parsed JSON without casts: each accessor checks the shape and names the path
 * of a field that is missing or wrong. Consumers read only the fields they use (a tolerant reader).
 */
export class JsonReader {
  readonly #value: unknown;
  readonly #path: string;

  constructor(value: unknown, path = '$') {
    this.#value = value;
    this.#path = path;
  }

  #field(name: string): unknown {
    const value = this.#value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new MalformedJsonError(`${this.#path} is not an object`);
    }
    return Object.hasOwn(value, name) ? Reflect.get(value, name) : undefined;
  }

  /** The object at `name`. */
  object(name: string): JsonReader {
    const value = this.#field(name);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new MalformedJsonError(`${this.#path}.${name} must be an object`);
    }
    return new JsonReader(value, `${this.#path}.${name}`);
  }

  /** The object at `name`, or null when it is null or absent. */
  optionalObject(name: string): JsonReader | null {
    const value = this.#field(name);
    return value === null || value === undefined ? null : this.object(name);
  }

  /** Each element of the array at `name`. */
  list(name: string): JsonReader[] {
    const value = this.#field(name);
    if (!Array.isArray(value)) throw new MalformedJsonError(`${this.#path}.${name} must be a list`);
    return value.map((element, i) => new JsonReader(element, `${this.#path}.${name}[${i}]`));
  }

  string(name: string): string {
    const value = this.#field(name);
    if (typeof value !== 'string')
      throw new MalformedJsonError(`${this.#path}.${name} must be a string`);
    return value;
  }

  optionalString(name: string): string | null {
    const value = this.#field(name);
    return value === null || value === undefined ? null : this.string(name);
  }

  integer(name: string): number {
    const value = this.#field(name);
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new MalformedJsonError(`${this.#path}.${name} must be an integer`);
    }
    return value;
  }

  boolean(name: string): boolean {
    const value = this.#field(name);
    if (typeof value !== 'boolean')
      throw new MalformedJsonError(`${this.#path}.${name} must be true or false`);
    return value;
  }

  /** A decimal written as a string (never a float). */
  decimal(name: string): string {
    const value = this.string(name);
    if (!/^-?\d+(\.\d+)?$/.test(value)) {
      throw new MalformedJsonError(`${this.#path}.${name} must be a decimal string`);
    }
    return value;
  }

  /** An ISO-8601 instant. */
  instant(name: string): Date {
    const date = new Date(this.string(name));
    if (Number.isNaN(date.getTime()))
      throw new MalformedJsonError(`${this.#path}.${name} must be an ISO-8601 instant`);
    return date;
  }

  /** One of `allowed`. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T {
    const value = this.string(name);
    const found = allowed.find((candidate) => candidate === value);
    if (found === undefined) {
      throw new MalformedJsonError(`${this.#path}.${name} must be one of ${allowed.join(', ')}`);
    }
    return found;
  }
}
