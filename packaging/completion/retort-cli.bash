# bash completion for retort-cli. The words come from the program itself
# (retort-cli __complete ...), so they follow its commands, options and the
# project's revisions without a list kept here.

_retort_cli()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
    local program=${COMP_WORDS[0]} command="" i
    local -a project=()
    # The command, and the project folder (-p DIR), typed so far.
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            -p | --project)
                project=(-p "${COMP_WORDS[i + 1]/#\~/$HOME}")
                ((i++))
                ;;
            --db | --profile) ((i++)) ;;
            -*) ;;
            *) [[ -z $command ]] && command=${COMP_WORDS[i]} ;;
        esac
    done
    case $prev in
        -p | --project)
            mapfile -t COMPREPLY < <(compgen -d -- "$cur")
            return
            ;;
        --db | --profile) return ;;
    esac
    local what
    if [[ $cur == -* ]]; then
        what=(options $command)
    elif [[ -z $command ]]; then
        what=(commands)
    else
        what=(revisions "${project[@]}")
    fi
    mapfile -t COMPREPLY < <(compgen -W "$("$program" __complete "${what[@]}" 2>/dev/null)" -- "$cur")
}

complete -F _retort_cli retort-cli
