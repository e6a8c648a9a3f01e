/** `${target}|${pipeline}|${format}`: the key of one server-rendered query variant. */
export const variantKey = (target: string, pipeline: string, format: string) => `${target}|${pipeline}|${format}`
